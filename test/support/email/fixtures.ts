import { createDatabase, type Database, type Db } from '../../../src/db/database';
import type { EnrollmentStatus } from '../../../src/db/schema';
import type { JobLog } from '../../../src/jobs/scheduler';
import type { TestDb } from '../db';

/** Rows and helpers the e-mail tests share (kept here so the shared factories stay small). */

export async function createEnrollment(
  db: Db,
  input: {
    customerId: number;
    workshopId: number;
    status?: EnrollmentStatus;
    amountDueClp?: number;
    amountPaidClp?: number;
  },
) {
  return db
    .insertInto('enrollments')
    .values({
      customerId: input.customerId,
      workshopId: input.workshopId,
      amountDueClp: input.amountDueClp ?? 45000,
      amountPaidClp: input.amountPaidClp ?? 0,
      status: input.status ?? 'PENDIENTE',
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** A JobLog that remembers what was logged, for assertions and quiet test output. */
export function memoryLog(): JobLog & { lines: { msg?: string; obj: object }[] } {
  const lines: { msg?: string; obj: object }[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ obj, ...(msg ? { msg } : {}) }),
    error: (obj, msg) => lines.push({ obj, ...(msg ? { msg } : {}) }),
  };
}

/**
 * The databases two racing workers use. On PostgreSQL: two connection pools, as two processes
 * would have. On SQLite, two connections in ONE process cannot race honestly: better-sqlite3 waits
 * for a lock synchronously, blocking the thread the lock holder needs to finish, so they deadlock
 * until busy_timeout. There the workers share one connection (interleaved at every await), and
 * separate processes are covered by the `tmm worker` flow test.
 */
export function twoWorkerDatabases(database: TestDb): [Database, Database] {
  if (database.dialect === 'sqlite') return [database, database];
  return [createDatabase(database.config), createDatabase(database.config)];
}

export async function closeWorkerDatabases(database: TestDb, ...workers: Database[]) {
  for (const w of workers) if (w !== database) await w.close();
}
