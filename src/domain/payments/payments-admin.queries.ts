import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PaymentKind, PaymentMethod } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';

export const PAYMENT_SORTS = ['fecha', 'cliente', 'monto', 'metodo'] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];

export type PaymentFilters = {
  q: string;
  method: PaymentMethod | null;
  kind: PaymentKind | null;
  /** Workshop enrollments or shop orders. */
  source: 'enrollments' | 'sales' | null;
  from: string | null;
  to: string | null;
  ids: number[];
};

/** The ledger with what each row paid for: an enrollment (its workshop) or an order, and its customer. */
function filteredPayments(db: Db, f: PaymentFilters) {
  let query = db
    .selectFrom('payments as p')
    .leftJoin('enrollments as e', 'e.id', 'p.enrollmentId')
    .leftJoin('workshops as w', 'w.id', 'e.workshopId')
    .leftJoin('sales as s', 's.id', 'p.saleId')
    .innerJoin('customers as c', (join) =>
      join.on(sql<boolean>`c.id = coalesce(e.customer_id, s.customer_id)`),
    )
    .leftJoin('users as u', 'u.id', 'p.recordedByUserId');
  const number = searchedNumber(f.q);
  if (number !== null)
    query = query.where((eb) => eb.or([eb('p.saleId', '=', number), eb('p.enrollmentId', '=', number)]));
  else
    for (const cond of wordsMatch(f.q, { searchText: ['c.searchText'], folded: ['w.name', 'p.reference'] }))
      query = query.where(cond);
  if (f.method) query = query.where('p.method', '=', f.method);
  if (f.kind) query = query.where('p.kind', '=', f.kind);
  if (f.source === 'enrollments') query = query.where('p.enrollmentId', 'is not', null);
  if (f.source === 'sales') query = query.where('p.saleId', 'is not', null);
  if (f.from) query = query.where('p.paidAt', '>=', f.from);
  if (f.to) query = query.where('p.paidAt', '<', f.to);
  if (f.ids.length > 0) query = query.where('p.id', 'in', f.ids);
  return query;
}

export async function paymentTotals(db: Db, f: PaymentFilters) {
  const row = await filteredPayments(db, f)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when p.kind = 'PAYMENT' then p.amount_clp else 0 end), 0)`.as('received'),
      sql<number>`coalesce(sum(case when p.kind = 'REFUND' then p.amount_clp else 0 end), 0)`.as('refunded'),
    ])
    .executeTakeFirstOrThrow();
  const received = Number(row.received);
  const refunded = Number(row.refunded);
  return { count: Number(row.count), received, refunded, net: received - refunded };
}

const SORT_SQL = {
  fecha: sql`p.paid_at`,
  cliente: sql`lower(c.full_name)`,
  monto: sql`p.amount_clp`,
  metodo: sql`p.method`,
} as const;

export async function listPayments(
  db: Db,
  f: PaymentFilters,
  order: { sort: PaymentSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredPayments(db, f)
    .select([
      'p.id',
      'p.kind',
      'p.amountClp',
      'p.method',
      'p.reference',
      'p.paidAt',
      'p.enrollmentId',
      'p.saleId',
      'c.id as customerId',
      'c.fullName as customerName',
      'w.id as workshopId',
      'w.name as workshopName',
      'u.name as recordedBy',
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('p.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type PaymentListRow = Awaited<ReturnType<typeof listPayments>>[number];
