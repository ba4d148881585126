import type { Db } from '../../db/database';
import { workshopSeatsCheck } from '../capacity';
import type { ConsistencyCheck } from '../context';
import { discountCodesCheck } from '../discounts';
import { companionSeatsCheck } from '../enrollments';
import { giftCardHoldsCheck, giftCardLedgerCheck, giftCardPaymentsCheck } from '../gift-cards';
import { packLedgerCheck, packRedemptionsCheck } from '../packs';
import { enrollmentPaymentsCheck, onlinePaymentsCheck, paymentDaysCheck } from '../payments';
import { productStockCheck } from '../products';
import { fulfilmentCheck, shopSalesCheck } from '../sales';

/**
 * `tmm check`: invariants that must hold whatever happened (races, crashes, manual SQL). Each
 * module that owns the data declares its checks beside its queries; this list runs them all.
 */
export const consistencyChecks: ConsistencyCheck[] = [
  workshopSeatsCheck,
  productStockCheck,
  enrollmentPaymentsCheck,
  paymentDaysCheck,
  shopSalesCheck,
  onlinePaymentsCheck,
  fulfilmentCheck,
  packLedgerCheck,
  packRedemptionsCheck,
  discountCodesCheck,
  companionSeatsCheck,
  giftCardLedgerCheck,
  giftCardPaymentsCheck,
  giftCardHoldsCheck,
];

export type ConsistencyReport = { checks: string[]; problems: string[] };

/** Runs the checks as of `now` (some invariants depend on time: an attempt pending too long). */
export async function runConsistencyChecks(
  db: Db,
  now: Date = new Date(),
  checks: ConsistencyCheck[] = consistencyChecks,
): Promise<ConsistencyReport> {
  const problems: string[] = [];
  for (const check of checks) problems.push(...(await check.run(db, now)));
  return { checks: checks.map((c) => c.name), problems };
}
