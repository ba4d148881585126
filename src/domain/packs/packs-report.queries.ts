import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * The packs' figures of a period for the owner's reports, in the terms of /gestion/bonos/: revenue
 * counted when a pack is sold (refunded packs left out), a credit worth its pack's price ÷ its
 * credits, and the liability of the credits unused. Everything is read from the ledger's dated
 * entries, so a past period gives the same numbers today as it did on its last day.
 */

/** Credits moved by one kind of ledger entry in the period, and what they are worth in CLP. */
export type CreditMovement = { credits: number; valueClp: number };

export type PackPeriodFigures = {
  /** Packs and company bundles bought in the period and not refunded since. */
  sold: { count: number; revenueClp: number; bundles: number; bundlesClp: number };
  /** Credits issued by those purchases (purchase entries of the period). */
  purchased: CreditMovement;
  /** Credits spent on enrollments, and those that came back when one was cancelled in time. */
  redeemed: CreditMovement;
  returned: CreditMovement;
  /** Spent credits not returned because the enrollment was cancelled after the cut-off. */
  lateCancelled: CreditMovement;
  /** Unused credits written off when their pack's order was refunded. */
  forfeited: CreditMovement;
  expired: CreditMovement;
  /** Staff adjustments, signed (added minus removed). */
  adjusted: CreditMovement;
  /** Credits unused and unexpired at `asOf`, and their value. */
  liability: CreditMovement & { asOf: string };
};

const num = (v: unknown) => Number(v ?? 0);

/** One credit of the pack, in CLP, unrounded: the sum is rounded once. */
const creditValue = sql<number>`packs.price_clp * 1.0 / packs.credits`;

/**
 * The period [from, to) of the packs: sales, ledger movements, and the liability at `asOf` (the
 * period's end, or now when it has not ended): credits of packs bought before it, not yet expired
 * by then, as the ledger summed them then.
 */
export async function packPeriodFigures(
  db: Db,
  range: { from: string; to: string },
  asOf: string,
): Promise<PackPeriodFigures> {
  const [sold, moves, liability] = await Promise.all([
    db
      .selectFrom('packs')
      .select([
        sql<number>`count(*)`.as('count'),
        sql<number>`coalesce(sum(packs.price_clp), 0)`.as('revenue'),
        sql<number>`coalesce(sum(case when packs.company_id is not null then 1 else 0 end), 0)`.as('bundles'),
        sql<number>`coalesce(sum(case when packs.company_id is not null then packs.price_clp else 0 end), 0)`.as(
          'bundlesClp',
        ),
      ])
      .where('packs.purchasedAt', '>=', range.from)
      .where('packs.purchasedAt', '<', range.to)
      .where('packs.status', '<>', 'ANULADO')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('packCreditEntries as e')
      .innerJoin('packs', 'packs.id', 'e.packId')
      // A forfeit of zero credits is a late cancellation (the spent credit stays spent); one with
      // credits is a refunded pack's unused balance written off.
      .select([
        sql<string>`case when e.kind = 'forfeit' and e.credits = 0 then 'late' else e.kind end`.as('kind'),
        sql<number>`sum(case when e.credits = 0 then 1 else abs(e.credits) end)`.as('credits'),
        sql<number>`sum(case when e.credits = 0 then 1 else abs(e.credits) end * ${creditValue})`.as('value'),
        sql<number>`sum(e.credits)`.as('signedCredits'),
        sql<number>`sum(e.credits * ${creditValue})`.as('signedValue'),
      ])
      .where('e.createdAt', '>=', range.from)
      .where('e.createdAt', '<', range.to)
      .groupBy(sql`case when e.kind = 'forfeit' and e.credits = 0 then 'late' else e.kind end`)
      .execute(),
    db
      .selectFrom('packCreditEntries as e')
      .innerJoin('packs', 'packs.id', 'e.packId')
      .select([
        sql<number>`coalesce(sum(e.credits), 0)`.as('credits'),
        sql<number>`coalesce(sum(e.credits * ${creditValue}), 0)`.as('value'),
      ])
      .where('e.createdAt', '<', asOf)
      .where('packs.purchasedAt', '<', asOf)
      .where('packs.expiresAt', '>', asOf)
      .executeTakeFirstOrThrow(),
  ]);
  const movement = (kind: string, signed = false): CreditMovement => {
    const row = moves.find((m) => m.kind === kind);
    if (!row) return { credits: 0, valueClp: 0 };
    return signed
      ? { credits: num(row.signedCredits), valueClp: Math.round(num(row.signedValue)) }
      : { credits: num(row.credits), valueClp: Math.round(num(row.value)) };
  };
  return {
    sold: {
      count: num(sold.count),
      revenueClp: num(sold.revenue),
      bundles: num(sold.bundles),
      bundlesClp: num(sold.bundlesClp),
    },
    purchased: movement('purchase'),
    redeemed: movement('redeem'),
    returned: movement('refund'),
    lateCancelled: movement('late'),
    forfeited: movement('forfeit'),
    expired: movement('expire'),
    adjusted: movement('adjustment', true),
    liability: { credits: num(liability.credits), valueClp: Math.round(num(liability.value)), asOf },
  };
}
