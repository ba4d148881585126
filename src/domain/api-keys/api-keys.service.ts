import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/database';
import { API_SCOPES, type ApiScope, type UserRole } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { Actor, ServiceContext } from '../context';
import { ApiKeyRejectedError, ApiScopeMissingError } from './api-keys.errors';
import { findApiKeyByHash, insertApiKey, markApiKeyRevoked, touchApiKey } from './api-keys.queries';

/**
 * A key is "tmm_" + 8 hex characters (the prefix people see in the list) + "_" + 32 random bytes
 * in base64url. Only the SHA-256 of the whole key is stored. A fast hash is enough here, unlike
 * for passwords: the secret carries 256 random bits, so there is no dictionary to try and a
 * stolen hash cannot be turned back into the key; a slow hash (Argon2) would only make every API
 * request slower. The hash is looked up by a unique index, so no comparison of secrets is needed.
 */
const KEY_PATTERN = /^tmm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export type ApiKeyInput = { name: string; scopes: ApiScope[]; expiresAt: Date };

export type AuthenticatedApiKey = { id: number; prefix: string; scopes: ApiScope[]; actor: Actor };

/** How often the last-used time is written: once a minute is precise enough to see a key in use. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Creates a key for an admin. Returns the key itself, which is shown once and never stored.
 * Throws ValidationError for a missing name, no scope or an expiry in the past.
 */
export async function createApiKey(
  trx: Tx,
  input: ApiKeyInput,
  ctx: ServiceContext,
): Promise<{ id: number; key: string; prefix: string }> {
  if (!ctx.actor) throw new ValidationError({ _form: 'Solo un administrador puede crear claves.' });
  const errors: Record<string, string> = {};
  if (input.name.trim() === '') errors.name = 'Escribe un nombre que diga para qué es la clave.';
  if (input.scopes.length === 0) errors.scopes = 'Elige al menos un permiso.';
  if (input.expiresAt.getTime() <= ctx.now.getTime()) errors.expiresAt = 'La fecha de vencimiento ya pasó.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const prefix = `tmm_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  const scopes = API_SCOPES.filter((s) => input.scopes.includes(s));
  const id = await insertApiKey(trx, {
    name: input.name.trim(),
    prefix,
    secretHash: hashApiKey(key),
    scopes: scopes.join(' '),
    expiresAt: input.expiresAt.toISOString(),
    createdByUserId: ctx.actor.userId,
    createdAt: ctx.now.toISOString(),
  });
  await recordAudit(
    trx,
    {
      entityType: 'api_key',
      entityId: id,
      action: 'create',
      after: { name: input.name.trim(), prefix, scopes, expiresAt: input.expiresAt.toISOString() },
    },
    ctx,
  );
  return { id, key, prefix };
}

/** Revokes a key: every request with it is refused from now on. Throws NotFoundError. */
export async function revokeApiKey(trx: Tx, id: number, ctx: ServiceContext): Promise<void> {
  const at = ctx.now.toISOString();
  if (!(await markApiKeyRevoked(trx, id, at)))
    throw new NotFoundError('Esa clave no existe o ya fue revocada.');
  await recordAudit(
    trx,
    {
      entityType: 'api_key',
      entityId: id,
      action: 'update',
      before: { revokedAt: null },
      after: { revokedAt: at },
    },
    ctx,
  );
}

/**
 * The key of an `Authorization: Bearer` header, with the actor it acts as (the admin who created
 * it, naming the key). Throws ApiKeyRejectedError for a malformed, unknown, revoked or expired key,
 * or one whose creator lost the admin role. Writes the last-used time at most once a minute.
 */
export async function authenticateApiKey(db: Db, key: string, now: Date): Promise<AuthenticatedApiKey> {
  if (!KEY_PATTERN.test(key)) throw new ApiKeyRejectedError('La clave de API no tiene el formato esperado.');
  const row = await findApiKeyByHash(db, hashApiKey(key));
  if (!row) throw new ApiKeyRejectedError('La clave de API no existe.');
  if (row.revokedAt !== null) throw new ApiKeyRejectedError('La clave de API fue revocada.');
  if (new Date(row.expiresAt).getTime() <= now.getTime())
    throw new ApiKeyRejectedError('La clave de API venció.');
  if (!row.creatorActive || row.creatorRole !== 'admin')
    throw new ApiKeyRejectedError('La cuenta que creó esta clave ya no es de un administrador.');
  if (row.lastUsedAt === null || now.getTime() - new Date(row.lastUsedAt).getTime() >= TOUCH_EVERY_MS)
    await touchApiKey(db, row.id, now.toISOString());
  return {
    id: row.id,
    prefix: row.prefix,
    scopes: row.scopes.split(' ') as ApiScope[],
    actor: { userId: row.createdByUserId, role: row.creatorRole as UserRole, apiKeyId: row.id },
  };
}

/**
 * Whether a request may go on: `public:read` is open to anyone (with or without a key); the other
 * scopes need a key that has them. Throws ApiKeyRejectedError (no key) or ApiScopeMissingError.
 */
export function requireScope(key: AuthenticatedApiKey | null, scope: ApiScope): void {
  if (scope === 'public:read') return;
  if (!key)
    throw new ApiKeyRejectedError('Esta solicitud necesita una clave de API (Authorization: Bearer …).');
  if (!key.scopes.includes(scope)) throw new ApiScopeMissingError(scope);
}
