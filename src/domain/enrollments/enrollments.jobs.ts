import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { attendancePolicies, centreAttendancePolicy } from '../attendance-policy';
import { listExpiredUnpaidEnrollmentIds } from './enrollments.queries';
import { expireUnpaidEnrollment } from './enrollments.service';
import { listNoShowCandidates } from './no-show.queries';
import { applyNoShow } from './no-show.service';

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

/**
 * Applies each workshop's attendance policy to its no-shows once the session has ended and its
 * grace period passed (people checked in late are spared). Only sessions that ended after the
 * policy existed (attendance_settings.applies_from), and only those where somebody was checked in.
 * Each enrollment is claimed with a conditional UPDATE in its own transaction, so two processes
 * running this job at once apply every no-show exactly once.
 */
export const applyNoShowPolicyJob: Job = {
  name: 'apply-no-show-policy',
  intervalMs: 5 * 60_000,
  run: async ({ database, config, now, log }) => {
    const at = now();
    const centre = await centreAttendancePolicy(database.db);
    const graceMs = centre.graceHours * 3600_000;
    const candidates = await listNoShowCandidates(
      database.db,
      {
        // A session ending after applies_from started at most a day before it (workshops last hours).
        startedAfter: new Date(new Date(centre.appliesFrom).getTime() - 24 * 3600_000).toISOString(),
        startedBefore: new Date(at.getTime() - graceMs).toISOString(),
      },
      BATCH * 5,
    );
    const due = candidates.filter((c) => {
      const end = new Date(c.startsAt).getTime() + c.durationMinutes * 60_000;
      return end >= new Date(centre.appliesFrom).getTime() && end + graceMs <= at.getTime();
    });
    const policies = await attendancePolicies(database.db, [...new Set(due.map((c) => c.workshopId))]);
    let applied = 0;
    for (const c of due) {
      const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
      const terms = policies.get(c.workshopId)!;
      const done = await inTransaction(database, (trx) =>
        applyNoShow(trx, { enrollmentId: c.id, terms }, ctx),
      );
      if (done) applied++;
    }
    if (applied > 0) log.info({ applied }, 'no-show policy applied');
    return applied;
  },
};
