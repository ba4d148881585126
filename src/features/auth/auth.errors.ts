import { DomainError } from '../../lib/errors';

/** Deliberately the same text whether the account exists or not (no username enumeration). */
export const INVALID_LOGIN_MESSAGE =
  'Usuario o contraseña incorrectos. Revisa los datos e inténtalo otra vez.';

export class InvalidLoginError extends DomainError {
  constructor() {
    super('invalid_login', INVALID_LOGIN_MESSAGE);
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('email_taken', 'Ya existe una cuenta con ese correo.');
  }
}
