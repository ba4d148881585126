import type { Database, Tx } from './database';

/**
 * Errors that mean "the database was busy, not that the request was wrong": SQLite's
 * SQLITE_BUSY (another process holds the write lock past busy_timeout) and PostgreSQL's
 * serialization failure, deadlock and lock timeout. Such a transaction is retried once.
 */
export function isTransientDbError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT' ||
    code === '40001' || // serialization_failure
    code === '40P01' || // deadlock_detected
    code === '55P03' // lock_not_available (lock_timeout)
  );
}

/** The database stayed busy after a retry: the user sees "intenta de nuevo", never a 500. */
export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super('La base de datos está ocupada', { cause });
  }
}

/**
 * Runs `fn` in one transaction, retried once on a transient error. Services receive the
 * transaction; they never open their own.
 */
export async function inTransaction<T>(database: Database, fn: (trx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await database.db.transaction().execute(fn);
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      if (attempt >= 1) throw new DatabaseBusyError(error);
    }
  }
}
