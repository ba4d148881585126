import { DomainError, ValidationError } from '../../lib/errors';

export class AccountEmailTakenError extends ValidationError {
  constructor() {
    super({
      email: 'Ya existe una cuenta con ese correo. Si es tuya, inicia sesión o recupera tu contraseña.',
    });
  }
}

/** A verification or reset link that is unknown, already used or expired (one answer for all three). */
export class InvalidTokenError extends DomainError {
  constructor() {
    super('invalid_token', 'El enlace no es válido o ya venció. Pide uno nuevo.');
  }
}

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
