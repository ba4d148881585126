import type { Job } from '../../jobs/scheduler';
import { deleteExpiredSignupRequests } from './account.queries';
import { deleteExpiredUserTokens, deleteLoginFailuresBefore } from './auth.queries';
import { LOGIN_LIMITS } from './auth.service';
import { purgeExpiredSessions } from './sessions.queries';

/**
 * Deletes what the login machinery no longer needs: expired sessions, failed-login rows older
 * than a day (the limit looks back LOGIN_LIMITS.windowMinutes), and one-time links expired for a
 * week (kept a while so "this link expired" can still be told apart from a typo in support), and
 * sign-ups nobody confirmed.
 * Plain DELETEs with a time bound: several processes running it at once do no harm.
 */
export const purgeAuthRecordsJob: Job = {
  name: 'purge-auth-records',
  intervalMs: 3600_000,
  run: async ({ database, now }) => {
    const at = now();
    const day = 24 * 3600_000;
    const sessions = await purgeExpiredSessions(database.db, at);
    const failures = await deleteLoginFailuresBefore(
      database.db,
      new Date(at.getTime() - Math.max(day, LOGIN_LIMITS.windowMinutes * 60_000)),
    );
    const tokens = await deleteExpiredUserTokens(database.db, new Date(at.getTime() - 7 * day));
    // Unconfirmed sign-ups hold a password hash and personal data: gone a day after their link expired.
    const signups = await deleteExpiredSignupRequests(database.db, new Date(at.getTime() - day));
    return { sessions, failures, tokens, signups };
  },
};
