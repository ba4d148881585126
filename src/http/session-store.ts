import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from '../db/database';

const DEFAULT_TTL_MS = 14 * 24 * 3600_000;

/**
 * Sessions live in the database, so any app process can serve any request, and logging out
 * (or an admin disabling an account) ends a session everywhere at once.
 */
export class DatabaseSessionStore implements SessionStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  set(sessionId: string, session: Session, callback: (err?: unknown) => void): void {
    const now = this.now();
    const expires = session.cookie?.expires
      ? new Date(session.cookie.expires)
      : new Date(now.getTime() + DEFAULT_TTL_MS);
    const row = {
      id: sessionId,
      userId: session.userId ?? null,
      data: JSON.stringify(session),
      expiresAt: expires.toISOString(),
      updatedAt: now.toISOString(),
    };
    this.db
      .insertInto('sessions')
      .values({ ...row, createdAt: now.toISOString() })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          userId: row.userId,
          data: row.data,
          expiresAt: row.expiresAt,
          updatedAt: row.updatedAt,
        }),
      )
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expiresAt'])
      .where('id', '=', sessionId)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expiresAt <= this.now().toISOString()) return callback(null, null);
        callback(null, JSON.parse(row.data) as Session);
      }, callback);
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    this.db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .execute()
      .then(() => callback(), callback);
  }
}

/** Ends every session of a user (password change, account disabled, "log out everywhere"). */
export async function destroyUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
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
