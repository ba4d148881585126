import type { Db, Tx } from '../../db/database';
import { santiagoDate } from '../../lib/dates';
import type { ServiceContext } from '../context';
import { codeRejections } from './discounts.errors';
import {
  countCustomerUses,
  type DiscountTarget,
  findCodeByText,
  findRedeemedCodeScope,
  findReleasedRedemption,
  giveBackCodeUse,
  giveBackCustomerUse,
  insertRedemption,
  markRedemptionActive,
  markRedemptionReleased,
  takeCodeUse,
  takeCustomerUse,
} from './discounts.queries';
import {
  discountFor,
  eligibleAmount,
  normalizeCode,
  type OrderLine,
  SCOPE_MATCHES,
  splitInProportion,
} from './discounts.rules';

export type RedeemInput = {
  code: string;
  customerId: number;
  target: DiscountTarget;
  lines: OrderLine[];
  /** How the messages name the order: "esta inscripción", "este pedido". */
  what: string;
};

/**
 * Uses a code on an order, in the caller's transaction: checks it (active, within its Santiago
 * dates, uses left in total and for this customer, covering something of the order, at least its
 * minimum), records the redemption, then takes one use for the customer and one of the code's with
 * guarded updates — the code's last, since its row is the one every buyer contends for. The
 * minimum applies to what the code covers (shipping is never discounted). Returns the discount;
 * the caller lowers its order by it. Throws DiscountCodeRejectedError with the reason; the caller's
 * transaction then rolls back.
 */
export async function redeemDiscountCode(
  trx: Tx,
  input: RedeemInput,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ discountClp: number; code: string }> {
  const typed = normalizeCode(input.code);
  if (typed === '') throw codeRejections.blank();
  const code = await findCodeByText(trx, typed);
  if (!code) throw codeRejections.unknown();
  if (!code.isActive) throw codeRejections.inactive();
  const today = santiagoDate(ctx.now);
  if (code.validFrom !== null && today < code.validFrom) throw codeRejections.notYet(code.validFrom);
  if (code.validUntil !== null && today > code.validUntil) throw codeRejections.expired(code.validUntil);
  // Early, friendly answers; the guarded updates below are what really decide.
  if (code.maxUses !== null && code.usesCount >= code.maxUses) throw codeRejections.exhausted();
  if (
    code.maxUsesPerCustomer !== null &&
    (await countCustomerUses(trx, code.id, input.customerId)) >= code.maxUsesPerCustomer
  )
    throw codeRejections.customerLimit();
  const eligible = eligibleAmount(code.scope, code.itemIds, input.lines);
  if (eligible <= 0) throw codeRejections.notApplicable(input.what, code.scope);
  if (eligible < code.minAmountClp) throw codeRejections.belowMinimum(code.minAmountClp);
  const discountClp = discountFor(code.kind, code.value, eligible);
  // A percentage of a tiny amount can round to nothing: no use is spent on a $0 discount.
  if (discountClp <= 0) throw codeRejections.notApplicable(input.what, code.scope);

  const redemptionId = await insertRedemption(trx, {
    codeId: code.id,
    customerId: input.customerId,
    target: input.target,
    discountClp,
    now: ctx.now,
  });
  if (redemptionId === undefined) throw codeRejections.alreadyApplied(capitalize(input.what));
  if (
    !(await takeCustomerUse(trx, {
      codeId: code.id,
      customerId: input.customerId,
      limit: code.maxUsesPerCustomer,
    }))
  )
    throw codeRejections.customerLimit();
  if (!(await takeCodeUse(trx, code.id))) throw codeRejections.exhausted();
  return { discountClp, code: code.code };
}

/**
 * Gives back the use of a code when its order is cancelled unpaid, so another order (or the same
 * customer) can use it; the order keeps the price it had. Nothing happens when no code is applied.
 */
export async function releaseDiscountCode(
  trx: Tx,
  target: DiscountTarget,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  const released = await markRedemptionReleased(trx, target, ctx.now);
  if (!released) return;
  await giveBackCustomerUse(trx, released.codeId, released.customerId);
  await giveBackCodeUse(trx, released.codeId);
}

/**
 * A lapsed order that comes back because its payment arrived late takes its code's use again, under
 * the same guards. When the use went to someone else meanwhile the order keeps its price (the money
 * was already taken at it) and the redemption stays released, so the counters still match the live
 * uses; it is the one case in which a code gives more discounts than its limit.
 */
export async function restoreDiscountCode(trx: Tx, target: DiscountTarget): Promise<void> {
  const redemption = await findReleasedRedemption(trx, target);
  if (!redemption) return;
  const customerOk = await takeCustomerUse(trx, {
    codeId: redemption.codeId,
    customerId: redemption.customerId,
    limit: redemption.maxUsesPerCustomer,
  });
  if (!customerOk) return;
  if (!(await takeCodeUse(trx, redemption.codeId))) {
    await giveBackCustomerUse(trx, redemption.codeId, redemption.customerId);
    return;
  }
  await markRedemptionActive(trx, redemption.id);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * How the discount an order received splits over its lines, in whole pesos adding up to it: in
 * proportion to what its code covered of each line, nothing for a line the code does not cover (a
 * kit under a code for packs). All zeros when no code was used. The packs module values a pack at
 * what was paid for it with this.
 */
export async function discountShares(
  db: Db | Tx,
  target: DiscountTarget,
  input: { discountClp: number; lines: OrderLine[] },
): Promise<number[]> {
  const code = input.discountClp > 0 ? await findRedeemedCodeScope(db, target) : undefined;
  if (!code) return input.lines.map(() => 0);
  const covered = input.lines.map((l) => (SCOPE_MATCHES[code.scope](l, code.itemIds) ? l.amountClp : 0));
  return splitInProportion(input.discountClp, covered);
}
