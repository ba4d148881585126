import type { Db } from '../../db/database';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/password';
import { InvalidLoginError, TooManyLoginAttemptsError } from './auth.errors';
import {
  deleteLoginFailures,
  findUserByLogin,
  insertLoginFailure,
  listRecentLoginFailures,
  updateLastLogin,
  updatePasswordHash,
} from './auth.queries';

/**
 * Failed logins allowed within the window, counted in the login_failures table (not in memory) so
 * the limits hold across app processes. Following OWASP's guidance on account lockout:
 * - a browser that logged in to an account before carries a signed device cookie, and only its
 *   own failures count against it: an attacker elsewhere cannot lock the owner out;
 * - without one, failures count per account and address (a typo-prone office behind one proxy does
 *   not lock everyone out), and per account across all addresses (a distributed guess is stopped);
 * - every address has a wider ceiling of its own, whatever accounts it tries.
 */
export const LOGIN_LIMITS = {
  windowMinutes: 15,
  perDevice: 10,
  perAccountAndIp: 10,
  perAccount: 30,
  perIp: 100,
} as const;

/** The throttle key of an account: its id when it exists, else what was typed (same treatment). */
export const accountKeyFor = (userId: number | null, login: string) =>
  userId !== null ? `user:${userId}` : `login:${login.trim().toLowerCase()}`;

/** One login attempt: which account, from where, and the trusted device it proved (or null). */
export type LoginAttempt = { accountKey: string; ip: string; deviceId: string | null };

/** Throws TooManyLoginAttemptsError when a limit that applies to this attempt is used up. */
export async function assertLoginAllowed(db: Db, attempt: LoginAttempt, ctx: { now: Date }) {
  const windowMs = LOGIN_LIMITS.windowMinutes * 60_000;
  const since = new Date(ctx.now.getTime() - windowMs);
  const checks: [Parameters<typeof listRecentLoginFailures>[1], number][] = attempt.deviceId
    ? [[{ deviceId: attempt.deviceId }, LOGIN_LIMITS.perDevice]]
    : [
        [{ accountKey: attempt.accountKey, ip: attempt.ip, untrusted: true }, LOGIN_LIMITS.perAccountAndIp],
        [{ accountKey: attempt.accountKey, untrusted: true }, LOGIN_LIMITS.perAccount],
      ];
  checks.push([{ ip: attempt.ip }, LOGIN_LIMITS.perIp]);
  const results = await Promise.all(
    checks.map(async ([by, limit]) => ({
      limit,
      failures: await listRecentLoginFailures(db, by, since, limit),
    })),
  );
  const blockedUntil = results
    .filter((r) => r.failures.length >= r.limit)
    // The oldest failure counted leaves the window first; then one more attempt is allowed.
    .map((r) => new Date(r.failures[r.failures.length - 1]!).getTime() + windowMs);
  if (blockedUntil.length === 0) return;
  const seconds = Math.max(1, Math.ceil((Math.max(...blockedUntil) - ctx.now.getTime()) / 1000));
  throw new TooManyLoginAttemptsError(seconds);
}

export async function recordLoginFailure(db: Db, attempt: LoginAttempt, ctx: { now: Date }) {
  await insertLoginFailure(db, attempt, ctx.now);
}

/**
 * Checks a login (username or e-mail) and password. `device` is the trusted-device cookie the
 * browser sent, if any; it counts only for the account it was issued to. Throws
 * TooManyLoginAttemptsError before looking at the password once a limit is reached, and
 * InvalidLoginError with one message for every other failure; an unknown account still costs a full
 * hash and counts as a failure, so neither timing nor the limit reveals which accounts exist.
 * Upgrades a hash made with older parameters.
 */
export async function authenticate(
  db: Db,
  input: { login: string; password: string; ip: string; device: { userId: number; deviceId: string } | null },
  ctx: { now: Date },
) {
  const user = await findUserByLogin(db, input.login);
  const trusted = user && input.device?.userId === user.id ? input.device.deviceId : null;
  const attempt = {
    accountKey: accountKeyFor(user?.id ?? null, input.login),
    ip: input.ip,
    deviceId: trusted,
  };
  await assertLoginAllowed(db, attempt, ctx);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || !user.isActive) {
    await recordLoginFailure(db, attempt, ctx);
    throw new InvalidLoginError();
  }
  // The owner got in: the account's failures (an attacker's included) are forgiven. The address's
  // failures on other accounts still count.
  await deleteLoginFailures(db, attempt.accountKey);
  if (needsRehash(user.passwordHash))
    await updatePasswordHash(db, user.id, await hashPassword(input.password));
  await updateLastLogin(db, user.id, ctx.now);
  return { id: user.id, role: user.role };
}
