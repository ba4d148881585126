import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { folded, wordsMatch } from '../../db/search';

/**
 * Refunds owed: enrollments with money still to give back (`refund_due_clp > 0`, set when an
 * enrollment with payments is cancelled, or one of its companions' seats is given up, and lowered
 * by each refund recorded). Until this list they showed only on their workshop's page.
 */

export const REFUND_SORTS = ['anulada', 'monto', 'cliente', 'taller'] as const;
export type RefundSort = (typeof REFUND_SORTS)[number];

export type RefundFilters = { q: string; workshopId: number | null };

function filtered(db: Db | Tx, f: RefundFilters) {
  let query = db
    .selectFrom('enrollments as e')
    .innerJoin('customers as c', 'c.id', 'e.customerId')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .where('e.refundDueClp', '>', 0);
  if (f.workshopId) query = query.where('e.workshopId', '=', f.workshopId);
  for (const condition of wordsMatch(f.q, { searchText: ['c.searchText'], folded: ['w.name'] }))
    query = query.where(condition);
  return query;
}

/** How many enrollments have money to give back, and how much in all. */
export async function refundsDueTotals(
  db: Db | Tx,
  f: RefundFilters,
): Promise<{ count: number; refundDueClp: number }> {
  const row = await filtered(db, f)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(e.refund_due_clp), 0)`.as('due')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), refundDueClp: Number(row.due) };
}

const SORT_SQL = {
  anulada: sql`e.cancelled_at`,
  monto: sql`e.refund_due_clp`,
  cliente: sql`c.search_text`,
  taller: folded('w.name'),
} as const;

export async function listRefundsDue(
  db: Db,
  f: RefundFilters,
  order: { sort: RefundSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filtered(db, f)
    .select([
      'e.id',
      'e.customerId',
      'c.fullName',
      'c.email',
      'c.phone',
      'e.workshopId',
      'w.name as workshopName',
      'w.startsAt',
      'e.amountPaidClp',
      'e.refundDueClp',
      'e.cancelledAt',
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('e.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type RefundDueRow = Awaited<ReturnType<typeof listRefundsDue>>[number];
