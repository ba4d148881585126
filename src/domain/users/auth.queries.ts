import type { Db, Tx } from '../../db/database';
import type { NewUser } from '../../db/schema';

/** The login field accepts the username or the e-mail, case-insensitively. */
export async function findUserByLogin(db: Db | Tx, login: string) {
  const value = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .select(['id', 'email', 'username', 'name', 'role', 'passwordHash', 'isActive'])
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), '=', value), eb(eb.fn('lower', ['username']), '=', value)]),
    )
    .orderBy('id')
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db | Tx, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'username', 'name', 'role', 'isActive'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(trx: Tx, user: NewUser): Promise<number> {
  const row = await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLastLogin(db: Db | Tx, userId: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ lastLoginAt: at.toISOString() }).where('id', '=', userId).execute();
}

export async function updatePasswordHash(db: Db | Tx, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

/**
 * The newest failures matching every given key since a moment, newest first, at most `limit`.
 * `untrusted` keeps only attempts made without a trusted-device cookie.
 */
export async function listRecentLoginFailures(
  db: Db | Tx,
  by: { accountKey?: string; ip?: string; deviceId?: string; untrusted?: boolean },
  since: Date,
  limit: number,
): Promise<string[]> {
  let q = db.selectFrom('loginFailures').select('createdAt').where('createdAt', '>', since.toISOString());
  if (by.accountKey !== undefined) q = q.where('accountKey', '=', by.accountKey);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  if (by.deviceId !== undefined) q = q.where('deviceId', '=', by.deviceId);
  if (by.untrusted) q = q.where('deviceId', 'is', null);
  const rows = await q.orderBy('createdAt', 'desc').limit(limit).execute();
  return rows.map((r) => r.createdAt);
}

export async function insertLoginFailure(
  db: Db | Tx,
  attempt: { accountKey: string; ip: string; deviceId: string | null },
  at: Date,
) {
  await db
    .insertInto('loginFailures')
    .values({
      accountKey: attempt.accountKey,
      ip: attempt.ip,
      deviceId: attempt.deviceId,
      createdAt: at.toISOString(),
    })
    .execute();
}

export async function deleteLoginFailures(db: Db | Tx, accountKey: string) {
  await db.deleteFrom('loginFailures').where('accountKey', '=', accountKey).execute();
}

export async function deleteLoginFailuresBefore(db: Db | Tx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('loginFailures')
    .where('createdAt', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredUserTokens(db: Db | Tx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('userTokens')
    .where('expiresAt', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
