import { z } from 'zod';
import type { Database } from '../../db/database';
import type { UserRole } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { hashPassword } from '../../lib/password';
import { checkPassword } from '../../lib/password-policy';
import { normalizeEmail } from '../../lib/text';
import { findUserByEmail, insertUser } from '../auth/auth.queries';
import { InvalidEmailError, UserEmailTakenError, WeakPasswordError } from './users.errors';

/**
 * Creates a staff or admin account (the `tmm create-staff` command).
 * Enforces the password rules; throws UserEmailTakenError, WeakPasswordError, InvalidEmailError.
 */
export async function createStaffUser(
  database: Database,
  input: { email: string; password: string; name: string; role: Extract<UserRole, 'staff' | 'admin'> },
  ctx: { now: Date },
) {
  const email = normalizeEmail(input.email);
  if (!z.email().safeParse(email).success) throw new InvalidEmailError();
  const failure = checkPassword(input.password, { email, name: input.name });
  if (failure) throw new WeakPasswordError(failure);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(database, async (trx) => {
    if (await findUserByEmail(trx, email)) throw new UserEmailTakenError(email);
    const id = await insertUser(trx, {
      email,
      name: input.name.trim(),
      passwordHash,
      role: input.role,
      emailVerifiedAt: ctx.now.toISOString(),
      createdAt: ctx.now.toISOString(),
    });
    return { id, email, role: input.role };
  });
}
