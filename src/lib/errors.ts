/**
 * Domain errors carry a stable code and the Spanish message a user reads. Each feature keeps
 * its own in x.errors.ts; http/errors.ts maps them to responses in one place.
 */
export class DomainError extends Error {
  readonly code: string;
  /** How the message reads when flashed after a POST: an error unless the error says otherwise. */
  readonly flashKind: 'error' | 'warning' | 'info' = 'error';
  /** A link to act on the message ("Ver mi inscripción"), shown beside it. */
  readonly link: { href: string; label: string } | undefined = undefined;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The record does not exist, or the current user may not know it exists (both give 404). */
export class NotFoundError extends DomainError {
  constructor(message = 'No encontramos lo que buscabas.') {
    super('not_found', message);
  }
}

/**
 * A single-use link (verification, reset, sign-up confirmation) that is unknown, used or expired:
 * a page that says so (410) with the route's way to ask for a new one.
 */
export class InvalidLinkError extends DomainError {
  constructor(message = 'El enlace no es válido o ya venció. Pide uno nuevo.') {
    super('invalid_link', message);
  }
}

/** Logged in but not allowed (403). */
export class ForbiddenError extends DomainError {
  constructor(message = 'No tienes permiso para ver esta página.') {
    super('forbidden', message);
  }
}

/**
 * Field-level validation failure raised by a service: the route's form is shown again with the
 * message on each field (`_form` for the form as a whole), with `status` (422 unless the error says
 * otherwise, e.g. 429 for too many attempts).
 */
export class ValidationError extends DomainError {
  readonly fields: Record<string, string>;
  readonly status: number = 422;
  /** Sent as Retry-After when set. */
  readonly retryAfterSeconds: number | undefined = undefined;
  constructor(fields: Record<string, string>, message = 'Revisa los campos marcados.') {
    super('validation', message);
    this.fields = fields;
  }
}
