import { DomainError, ValidationError } from '../../lib/errors';

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

export const duplicateCustomerEmail = () =>
  new ValidationError({ email: 'Ya existe un cliente con ese correo.' });

/** Both customers hold a seat in the same workshop: merging would leave one person with two. */
export class MergeEnrollmentClashError extends DomainError {
  constructor(workshopNames: string[]) {
    super(
      'merge_enrollment_clash',
      `No se pueden fusionar: ambos clientes tienen una inscripción activa en ${workshopNames.join(', ')}. Anula una de las dos inscripciones y vuelve a intentarlo.`,
    );
  }
}

export class MergeSameCustomerError extends DomainError {
  constructor() {
    super('merge_same_customer', 'Elige dos clientes distintos para fusionar.');
  }
}

/** Each record belongs to a different login: merging would lock one person out of their account. */
export class MergeTwoAccountsError extends DomainError {
  constructor() {
    super(
      'merge_two_accounts',
      'No se pueden fusionar: cada cliente tiene su propia cuenta en el sitio, y una de las dos personas perdería el acceso a su historial.',
    );
  }
}
