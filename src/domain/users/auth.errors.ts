import { DomainError } from '../../lib/errors';

/** Deliberately the same text whether the account exists or not (no username enumeration). */
export const INVALID_LOGIN_MESSAGE =
  'Usuario o contraseña incorrectos. Revisa los datos e inténtalo otra vez.';

export class InvalidLoginError extends DomainError {
  constructor() {
    super('invalid_login', INVALID_LOGIN_MESSAGE);
  }
}

/**
 * Too many failed logins from this address or for this account. The same text in both cases and
 * for accounts that do not exist, so the limit does not reveal which accounts are real.
 */
export class TooManyLoginAttemptsError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(
      'too_many_login_attempts',
      'Demasiados intentos fallidos. Por seguridad, espera unos minutos antes de volver a intentarlo.',
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    super('email_taken', 'Ya existe una cuenta con ese correo.');
  }
}
