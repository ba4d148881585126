import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';

/**
 * What must hold for discount codes: each code's use counter equals its live redemptions and never
 * passes its limit; each customer's counter equals their live redemptions of the code; and the
 * discount an enrollment or order carries is the one its redemptions recorded.
 */
export const discountCodesCheck: ConsistencyCheck = {
  name: 'códigos de descuento',
  run: async (db) => {
    const problems: string[] = [];
    const live = db
      .selectFrom('discountRedemptions')
      .select(['codeId', sql<number>`count(*)`.as('uses')])
      .where('status', '=', 'active')
      .groupBy('codeId')
      .as('live');
    const codes = await db
      .selectFrom('discountCodes')
      .leftJoin(live, 'live.codeId', 'discountCodes.id')
      .select([
        'discountCodes.id',
        'discountCodes.code',
        'discountCodes.usesCount',
        'discountCodes.maxUses',
        'live.uses',
      ])
      .orderBy('discountCodes.id')
      .execute();
    for (const c of codes) {
      const uses = Number(c.uses ?? 0);
      if (c.usesCount !== uses)
        problems.push(
          `Código ${c.code}: cuenta ${c.usesCount} usos, pero tiene ${uses} usos vigentes registrados.`,
        );
      if (c.maxUses !== null && c.usesCount > c.maxUses)
        problems.push(`Código ${c.code}: tiene ${c.usesCount} usos, más que su máximo (${c.maxUses}).`);
    }

    const perCustomer = db
      .selectFrom('discountRedemptions')
      .select(['codeId', 'customerId', sql<number>`count(*)`.as('uses')])
      .where('status', '=', 'active')
      .groupBy(['codeId', 'customerId'])
      .as('pc');
    const mismatched = await db
      .selectFrom('discountCodeCustomers as dcc')
      .fullJoin(perCustomer, (j) =>
        j.onRef('pc.codeId', '=', 'dcc.codeId').onRef('pc.customerId', '=', 'dcc.customerId'),
      )
      .select([
        sql<number>`coalesce(dcc.code_id, pc.code_id)`.as('codeId'),
        sql<number>`coalesce(dcc.customer_id, pc.customer_id)`.as('customerId'),
        'dcc.uses as counted',
        'pc.uses as live',
      ])
      .where(sql<boolean>`coalesce(dcc.uses, 0) <> coalesce(pc.uses, 0)`)
      .execute();
    for (const m of mismatched)
      problems.push(
        `Código #${m.codeId}, cliente #${m.customerId}: cuenta ${Number(m.counted ?? 0)} usos, pero tiene ${Number(m.live ?? 0)} vigentes.`,
      );

    // An order gets at most one redemption ever (a second code is refused, a cancelled order takes
    // none, a reinstated one reactivates its own), so its discount is the sum of its rows.
    const byOrder = (column: 'enrollmentId' | 'saleId') =>
      db
        .selectFrom('discountRedemptions')
        .select([column, sql<number>`sum(discount_clp)`.as('redeemed')])
        .where(column, 'is not', null)
        .groupBy(column)
        .as('r');
    const enrollments = await db
      .selectFrom('enrollments')
      .leftJoin(byOrder('enrollmentId'), 'r.enrollmentId', 'enrollments.id')
      .select(['enrollments.id', 'enrollments.discountClp', 'r.redeemed'])
      .where(sql<boolean>`enrollments.discount_clp <> coalesce(r.redeemed, 0)`)
      .orderBy('enrollments.id')
      .execute();
    for (const e of enrollments)
      problems.push(
        `Inscripción #${e.id}: tiene un descuento de ${e.discountClp}, pero su código registró ${Number(e.redeemed ?? 0)}.`,
      );
    const sales = await db
      .selectFrom('sales')
      .leftJoin(byOrder('saleId'), 'r.saleId', 'sales.id')
      .select(['sales.id', 'sales.discountClp', 'r.redeemed'])
      .where(sql<boolean>`sales.discount_clp <> coalesce(r.redeemed, 0)`)
      .orderBy('sales.id')
      .execute();
    for (const s of sales)
      problems.push(
        `Venta #${s.id}: tiene un descuento de ${s.discountClp}, pero su código registró ${Number(s.redeemed ?? 0)}.`,
      );
    return problems;
  },
};
