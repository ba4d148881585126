// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { ApiKeyRejectedError, ApiScopeMissingError } from './api-keys.errors';
export type { ApiKeyRow, ApiKeyState } from './api-keys.queries';
export { listApiKeys } from './api-keys.queries';
export type { ApiKeyInput, AuthenticatedApiKey } from './api-keys.service';
export { authenticateApiKey, createApiKey, hashApiKey, requireScope, revokeApiKey } from './api-keys.service';
export type { IdempotencyClaim } from './idempotency';
export {
  claimIdempotencyKey,
  IDEMPOTENCY_TTL_MS,
  purgeExpiredIdempotencyKeys,
  purgeIdempotencyKeysJob,
  releaseIdempotencyKey,
  requestFingerprint,
  serviceIdempotencyKey,
  storeIdempotentAnswer,
} from './idempotency';
