import { DomainError } from '../../lib/errors';

/**
 * A request to /api/v1 whose key is missing where one is needed, unknown, revoked or expired
 * (401). The message says which, without telling a guesser anything about other keys.
 */
export class ApiKeyRejectedError extends DomainError {
  constructor(message: string) {
    super('api_key_rejected', message);
  }
}

/** A valid key without the scope this request needs (403). */
export class ApiScopeMissingError extends DomainError {
  constructor(readonly scope: string) {
    super(
      'api_scope_missing',
      `Esta clave de API no tiene el permiso «${scope}» que necesita esta solicitud.`,
    );
  }
}
