import type { Tx } from '../../db/database';
import { reassignWaitlist } from '../capacity';
import { reassignCart } from '../cart';
import type { ServiceContext } from '../context';
import { absorbDuplicate, assertMergeable } from '../customers';
import { reassignDiscountUses } from '../discounts';
import { reassignEmails } from '../email';
import { findSharedActiveWorkshops, reassignEnrollments } from '../enrollments';
import { reassignSales } from '../sales';

export type MergeResult = { enrollments: number; orders: number; interactions: number; emails: number };

/**
 * Merges a duplicate customer into the one staff keep. A customer's history lives in many modules,
 * so this module, which owns no table, asks each owner to move its rows — enrollments, orders (and
 * so their payments), e-mail history, waitlist places and cart — and then the customers module
 * absorbs the duplicate (interactions, interests, blank fields, audit). Rejected: the customers
 * module writing the others' tables itself, which made it depend on every module above it.
 * Refused when both hold an active enrollment in the same workshop or both have a login. Throws
 * NotFoundError, MergeSameCustomerError, MergeTwoAccountsError, MergeEnrollmentClashError.
 */
export async function mergeCustomers(
  trx: Tx,
  input: { keepId: number; removeId: number },
  ctx: Pick<ServiceContext, 'now' | 'actor'>,
): Promise<MergeResult> {
  const { keepId, removeId } = input;
  const sharedWorkshops = keepId === removeId ? [] : await findSharedActiveWorkshops(trx, keepId, removeId);
  const { keep, remove } = await assertMergeable(trx, { keepId, removeId, sharedWorkshops });
  const enrollments = await reassignEnrollments(trx, removeId, keepId);
  const orders = await reassignSales(trx, removeId, keepId);
  const emails = await reassignEmails(trx, removeId, keepId);
  await reassignWaitlist(trx, removeId, keepId);
  await reassignCart(trx, removeId, keepId);
  await reassignDiscountUses(trx, removeId, keepId);
  const interactions = await absorbDuplicate(trx, { keep, remove }, ctx);
  return { enrollments, orders, interactions, emails };
}
