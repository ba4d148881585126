import { DomainError, InvalidLinkError, ValidationError } from '../../lib/errors';

/** A sign-up confirmed after its address got an account some other way: the visitor logs in. */
export class AccountEmailTakenError extends DomainError {
  override readonly flashKind = 'info';
  constructor() {
    super('account_email_taken', 'Ya tienes una cuenta con ese correo: inicia sesión.');
  }
}

/** A verification or reset link that is unknown, already used or expired (one answer for all three). */
export class InvalidTokenError extends InvalidLinkError {}

export class WrongCurrentPasswordError extends ValidationError {
  constructor() {
    super({ password_actual: 'La contraseña actual no es correcta.' });
  }
}

/** The account has no customer record yet (its e-mail belongs to an existing customer and is unverified). */
export class NoCustomerRecordError extends DomainError {
  constructor() {
    super(
      'no_customer_record',
      'Tus datos de cliente estarán disponibles cuando confirmes tu correo con el enlace que te enviamos.',
    );
  }
}
