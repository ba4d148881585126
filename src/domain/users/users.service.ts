import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database';
import type { UserRole } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { checkPassword } from '../../lib/password-policy';
import { normalizeEmail } from '../../lib/text';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { issuePasswordReset } from './account.service';
import { findUserByEmail, insertUser } from './auth.queries';
import { destroyUserSessions } from './sessions.queries';
import {
  FacilitatorRoleChangeError,
  InvalidEmailError,
  OwnAccountChangeError,
  UserEmailTakenError,
  WeakPasswordError,
} from './users.errors';
import { findUserForAdmin, updateUserAccess } from './users.queries';

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

/**
 * An admin changes another user's role or active flag. Never their own (OwnAccountChangeError),
 * so at least one admin always remains. The user's sessions end, so the change applies at once
 * on every device. Recorded in the audit log. Throws NotFoundError, ForbiddenError.
 */
export async function changeUserAccess(
  trx: Tx,
  input: { userId: number; role?: UserRole; isActive?: boolean },
  ctx: ServiceContext,
) {
  if (ctx.actor?.role !== 'admin') throw new ForbiddenError('Solo un administrador puede hacer esto.');
  if (ctx.actor.userId === input.userId) throw new OwnAccountChangeError();
  const user = await findUserForAdmin(trx, input.userId);
  if (!user) throw new NotFoundError('No encontramos ese usuario.');
  if (
    input.role !== undefined &&
    input.role !== user.role &&
    (input.role === 'facilitator' || user.role === 'facilitator')
  )
    throw new FacilitatorRoleChangeError();
  const changes = {
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
  };
  await updateUserAccess(trx, user.id, changes);
  await destroyUserSessions(trx, user.id);
  await recordAudit(
    trx,
    {
      entityType: 'user',
      entityId: user.id,
      action: 'update',
      before: { role: user.role, isActive: user.isActive },
      after: { role: user.role, isActive: user.isActive, ...changes },
    },
    ctx,
  );
  return { email: user.email };
}

/**
 * The login of a facilitator (staff invite them from the facilitator's page): an account with the
 * `facilitator` role tied to the record, with a random password nobody knows, and the password-set
 * link of the reset flow sent to the e-mail, so the facilitator chooses their own. The address is
 * taken as verified: staff typed it and the link proves it. Throws UserEmailTakenError, InvalidEmailError.
 */
export async function createFacilitatorUser(
  trx: Tx,
  input: { email: string; name: string; facilitatorId: number },
  ctx: ServiceContext,
) {
  const email = normalizeEmail(input.email);
  if (!z.email().safeParse(email).success) throw new InvalidEmailError();
  if (await findUserByEmail(trx, email)) throw new UserEmailTakenError(email);
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const id = await insertUser(trx, {
    email,
    name: input.name.trim(),
    passwordHash,
    role: 'facilitator',
    facilitatorId: input.facilitatorId,
    emailVerifiedAt: ctx.now.toISOString(),
    createdAt: ctx.now.toISOString(),
  });
  await issuePasswordReset(trx, { id, email, name: input.name }, ctx);
  await recordAudit(
    trx,
    {
      entityType: 'user',
      entityId: id,
      action: 'create',
      after: { email, role: 'facilitator', facilitatorId: input.facilitatorId },
    },
    ctx,
  );
  return { id, email };
}
