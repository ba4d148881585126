import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { listExpiredUnpaidEnrollmentIds } from './enrollments.queries';
import { expireUnpaidEnrollment } from './enrollments.service';

const BATCH = 100;

/**
 * Cancels PENDIENTE enrollments whose unpaid hold lapsed (workshops with unpaid_expiry_hours),
 * frees their seats and offers them to the waitlist. One short transaction per enrollment; the
 * claim inside is conditional, so two processes running this job cancel each one once.
 */
export const expireUnpaidEnrollmentsJob: Job = {
  name: 'expire-unpaid-enrollments',
  intervalMs: 60_000,
  run: async ({ database, config, now, log }) => {
    const ids = await listExpiredUnpaidEnrollmentIds(database.db, now(), BATCH);
    let expired = 0;
    for (const enrollmentId of ids) {
      const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
      const done = await inTransaction(database, (trx) =>
        expireUnpaidEnrollment(trx, { enrollmentId, waitlistHoldHours: config.waitlistHoldHours }, ctx),
      );
      if (done) expired++;
    }
    if (expired > 0) log.info({ expired }, 'unpaid enrollments expired');
    return expired;
  },
};
