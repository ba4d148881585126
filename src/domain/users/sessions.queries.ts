import type { Db, Tx } from '../../db/database';

/**
 * Sessions live in the database (table sessions, owned here), so any app process can serve any
 * request, and logging out or an admin disabling an account ends a session everywhere at once.
 * http/session-store.ts adapts these to the session plugin.
 */

export type StoredSession = { id: string; userId: number | null; data: string; expiresAt: string };

export async function saveSession(db: Db, row: StoredSession, now: Date): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, createdAt: now.toISOString(), updatedAt: now.toISOString() })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        userId: row.userId,
        data: row.data,
        expiresAt: row.expiresAt,
        updatedAt: now.toISOString(),
      }),
    )
    .execute();
}

/** The stored session data, or undefined when unknown or expired. */
export async function findLiveSession(db: Db, sessionId: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['data', 'expiresAt'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row && row.expiresAt > now.toISOString() ? row.data : undefined;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (password change, account disabled, "log out everywhere"). */
export async function destroyUserSessions(
  db: Db | Tx,
  userId: number,
  exceptSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
