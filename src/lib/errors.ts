/**
 * Domain errors carry a stable code and the Spanish message a user reads. Each feature keeps
 * its own in x.errors.ts; http/errors.ts maps them to responses in one place.
 */
export class DomainError extends Error {
  readonly code: string;
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

/** Logged in but not allowed (403). */
export class ForbiddenError extends DomainError {
  constructor(message = 'No tienes permiso para ver esta página.') {
    super('forbidden', message);
  }
}

/** Field-level validation failure raised by a service (422, form re-rendered). */
export class ValidationError extends DomainError {
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>, message = 'Revisa los campos marcados.') {
    super('validation', message);
    this.fields = fields;
  }
}
