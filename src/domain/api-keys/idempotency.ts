import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Job } from '../../jobs/scheduler';

/** How long an Idempotency-Key is remembered (issue 20: 24 hours, as Stripe and most APIs do). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export type IdempotencyClaim =
  | { kind: 'reserved'; id: number }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

/** What makes two requests "the same": method, path and body (its JSON, as sent). */
export const requestFingerprint = (method: string, path: string, body: string) =>
  createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');

/**
 * The key a write through the API passes to a service's own idempotency (the payments ledger's
 * `idempotency_key`, 100 characters): a hash of the API key and its Idempotency-Key, which may be 255.
 */
export const serviceIdempotencyKey = (apiKeyId: number, key: string) =>
  `api:${createHash('sha256').update(`${apiKeyId}\n${key}`).digest('hex')}`;

/**
 * Reserves an Idempotency-Key for a request before it runs, with an insert that the unique
 * (api_key_id, idempotency_key) index lets only one request win, committed on its own (not in the
 * request's transaction) so a second request sees it at once. The loser is told what to do: replay
 * the stored answer, wait (the first is still running) or fix its request (another body under the
 * same key). An expired row is taken over as if it were not there.
 */
export async function claimIdempotencyKey(
  db: Db,
  input: { apiKeyId: number; key: string; fingerprint: string },
  now: Date,
): Promise<IdempotencyClaim> {
  await db
    .deleteFrom('apiIdempotencyKeys')
    .where('apiKeyId', '=', input.apiKeyId)
    .where('idempotencyKey', '=', input.key)
    .where('expiresAt', '<=', now.toISOString())
    .execute();
  const inserted = await db
    .insertInto('apiIdempotencyKeys')
    .values({
      apiKeyId: input.apiKeyId,
      idempotencyKey: input.key,
      fingerprint: input.fingerprint,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
    })
    .onConflict((oc) => oc.columns(['apiKeyId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { kind: 'reserved', id: inserted.id };
  const existing = await db
    .selectFrom('apiIdempotencyKeys')
    .select(['fingerprint', 'responseStatus', 'responseBody'])
    .where('apiKeyId', '=', input.apiKeyId)
    .where('idempotencyKey', '=', input.key)
    .executeTakeFirst();
  // Gone between the insert and the read: its first request failed and released it.
  if (!existing) return { kind: 'in_flight' };
  if (existing.fingerprint !== input.fingerprint) return { kind: 'mismatch' };
  if (existing.responseStatus === null || existing.responseBody === null) return { kind: 'in_flight' };
  return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
}

/** Stores the answer a reserved key's request got, for the next request with the same key. */
export async function storeIdempotentAnswer(db: Db, id: number, status: number, body: string): Promise<void> {
  await db
    .updateTable('apiIdempotencyKeys')
    .set({ responseStatus: status, responseBody: body })
    .where('id', '=', id)
    .execute();
}

/**
 * Frees a reserved key whose request failed on our side (a 5xx): the client may retry with the
 * same key and have it run, instead of being given an error that was not about its request.
 */
export async function releaseIdempotencyKey(db: Db, id: number): Promise<void> {
  await db.deleteFrom('apiIdempotencyKeys').where('id', '=', id).execute();
}

/** Deletes the keys older than 24 hours; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('apiIdempotencyKeys')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const purgeIdempotencyKeysJob: Job = {
  name: 'purge-idempotency-keys',
  intervalMs: 3600_000,
  run: async ({ database, now, log }) => {
    const purged = await purgeExpiredIdempotencyKeys(database.db, now());
    if (purged > 0) log.info({ purged }, 'expired idempotency keys purged');
    return purged;
  },
};
