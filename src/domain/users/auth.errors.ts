import { ValidationError } from '../../lib/errors';

/** Deliberately the same text whether the account exists or not (no username enumeration). */
export const INVALID_LOGIN_MESSAGE =
  'Usuario o contraseña incorrectos. Revisa los datos e inténtalo otra vez.';

/** The login form is shown again with this message over it. */
export class InvalidLoginError extends ValidationError {
  constructor() {
    super({ _form: INVALID_LOGIN_MESSAGE }, INVALID_LOGIN_MESSAGE);
  }
}

const TOO_MANY_MESSAGE =
  'Demasiados intentos fallidos. Por seguridad, espera unos minutos antes de volver a intentarlo.';

/**
 * Too many failed logins from this address or for this account (429, with Retry-After). The same
 * text in both cases and for accounts that do not exist, so the limit does not reveal which
 * accounts are real. Shown over the login form, and on the current-password field of the change
 * password form.
 */
export class TooManyLoginAttemptsError extends ValidationError {
  override readonly status = 429;
  override readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({ _form: TOO_MANY_MESSAGE, password_actual: TOO_MANY_MESSAGE }, TOO_MANY_MESSAGE);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
