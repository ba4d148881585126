import type { Tx } from '../../db/database';
import type { ServiceContext } from '../../lib/context';
import { searchable } from '../../lib/text';
import { EmailVerificationRequiredError } from './customers.errors';
import {
  findCustomerByEmail,
  findCustomerByUserId,
  insertCustomer,
  linkCustomerToUser,
} from './customers.queries';

/**
 * The customer record of a logged-in user, created on first need (staff accounts, old accounts).
 * A customer with the same e-mail but no account is linked only when the user's e-mail is
 * verified; otherwise throws EmailVerificationRequiredError (no takeover by sign-up).
 */
export async function customerForUser(trx: Tx, userId: number, ctx: Pick<ServiceContext, 'now'>) {
  const linked = await findCustomerByUserId(trx, userId);
  if (linked) return linked;
  const user = await trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'emailVerifiedAt'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const existing = await findCustomerByEmail(trx, user.email);
  if (existing) {
    if (existing.userId !== null || !user.emailVerifiedAt) throw new EmailVerificationRequiredError();
    await linkCustomerToUser(trx, existing.id, user.id, ctx.now);
    return { id: existing.id, fullName: existing.fullName, email: existing.email, phone: existing.phone };
  }
  const fullName = user.name.trim() || user.email.split('@')[0]!;
  const id = await insertCustomer(trx, {
    fullName,
    email: user.email,
    userId: user.id,
    searchText: searchable(fullName, user.email),
    createdAt: ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
  });
  return { id, fullName, email: user.email, phone: null };
}
