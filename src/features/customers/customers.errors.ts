import { DomainError } from '../../lib/errors';

/**
 * The account's e-mail belongs to a customer record created before the account (by staff or an
 * earlier purchase). It is linked only once the address is verified, so a sign-up cannot take over
 * someone else's history.
 */
export class EmailVerificationRequiredError extends DomainError {
  constructor() {
    super(
      'email_verification_required',
      'Antes de continuar, confirma tu correo con el enlace que te enviamos (revisa también la carpeta de spam).',
    );
  }
}
