import type { Db } from '../../db/database';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/password';
import { InvalidLoginError } from './auth.errors';
import { findUserByLogin, updateLastLogin, updatePasswordHash } from './auth.queries';

/**
 * Checks a login (username or e-mail) and password. Throws InvalidLoginError with one message
 * for every failure; an unknown account still costs a full hash so timing reveals nothing.
 * Upgrades a hash made with older parameters.
 */
export async function authenticate(db: Db, login: string, password: string, ctx: { now: Date }) {
  const user = await findUserByLogin(db, login);
  if (!user) {
    await verifyPassword(password, await dummyPasswordHash());
    throw new InvalidLoginError();
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || !user.isActive) throw new InvalidLoginError();
  if (needsRehash(user.passwordHash)) await updatePasswordHash(db, user.id, await hashPassword(password));
  await updateLastLogin(db, user.id, ctx.now);
  return { id: user.id, role: user.role };
}
