import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from '../db/database';
import { deleteSession, findLiveSession, saveSession } from '../domain/users';

const DEFAULT_TTL_MS = 14 * 24 * 3600_000;

/** The session plugin's store over the users module's sessions table (any process serves any request). */
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
    saveSession(
      this.db,
      {
        id: sessionId,
        userId: session.userId ?? null,
        data: JSON.stringify(session),
        expiresAt: expires.toISOString(),
      },
      now,
    ).then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    findLiveSession(this.db, sessionId, this.now()).then(
      (data) => callback(null, data ? (JSON.parse(data) as Session) : null),
      callback,
    );
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    deleteSession(this.db, sessionId).then(() => callback(), callback);
  }
}
