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
 * Failed logins allowed per account and per IP address within the window. Counted in the
 * login_failures table rather than in memory (@fastify/rate-limit's default store), so the limit
 * holds when several app processes share the database.
 */
export const LOGIN_LIMITS = { maxFailures: 10, windowMinutes: 15 } as const;

/** The throttle key of an account: its id when it exists, else what was typed (same treatment). */
export const accountKeyFor = (userId: number | null, login: string) =>
  userId !== null ? `user:${userId}` : `login:${login.trim().toLowerCase()}`;

/** Throws TooManyLoginAttemptsError when the account or the IP used up its failures in the window. */
export async function assertLoginAllowed(
  db: Db,
  key: { accountKey: string; ip: string },
  ctx: { now: Date },
) {
  const windowMs = LOGIN_LIMITS.windowMinutes * 60_000;
  const since = new Date(ctx.now.getTime() - windowMs);
  const [byAccount, byIp] = await Promise.all([
    listRecentLoginFailures(db, { accountKey: key.accountKey }, since, LOGIN_LIMITS.maxFailures),
    listRecentLoginFailures(db, { ip: key.ip }, since, LOGIN_LIMITS.maxFailures),
  ]);
  const blockedUntil = [byAccount, byIp]
    .filter((failures) => failures.length >= LOGIN_LIMITS.maxFailures)
    // The oldest failure counted leaves the window first; then one more attempt is allowed.
    .map((failures) => new Date(failures[failures.length - 1]!).getTime() + windowMs);
  if (blockedUntil.length === 0) return;
  const seconds = Math.max(1, Math.ceil((Math.max(...blockedUntil) - ctx.now.getTime()) / 1000));
  throw new TooManyLoginAttemptsError(seconds);
}

export async function recordLoginFailure(
  db: Db,
  key: { accountKey: string; ip: string },
  ctx: { now: Date },
) {
  await insertLoginFailure(db, key.accountKey, key.ip, ctx.now);
}

/**
 * Checks a login (username or e-mail) and password from one IP. Throws TooManyLoginAttemptsError
 * before looking at the password once the account or the IP reached LOGIN_LIMITS, and
 * InvalidLoginError with one message for every other failure; an unknown account still costs a
 * full hash and counts as a failure, so neither timing nor the limit reveals which accounts exist.
 * Upgrades a hash made with older parameters.
 */
export async function authenticate(
  db: Db,
  input: { login: string; password: string; ip: string },
  ctx: { now: Date },
) {
  const user = await findUserByLogin(db, input.login);
  const key = { accountKey: accountKeyFor(user?.id ?? null, input.login), ip: input.ip };
  await assertLoginAllowed(db, key, ctx);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || !user.isActive) {
    await recordLoginFailure(db, key, ctx);
    throw new InvalidLoginError();
  }
  // A success forgives the account's earlier typos; the IP's failures still count.
  await deleteLoginFailures(db, key.accountKey);
  if (needsRehash(user.passwordHash))
    await updatePasswordHash(db, user.id, await hashPassword(input.password));
  await updateLastLogin(db, user.id, ctx.now);
  return { id: user.id, role: user.role };
}
