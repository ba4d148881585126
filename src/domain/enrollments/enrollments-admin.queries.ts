import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { EnrollmentStatus } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';
import { owedSql } from '../balance';

export const ENROLLMENT_SORTS = ['cliente', 'taller', 'fecha', 'estado', 'monto', 'pagado', 'debe'] as const;
export type EnrollmentSort = (typeof ENROLLMENT_SORTS)[number];

export type EnrollmentFilters = {
  q: string;
  status: EnrollmentStatus | null;
  workshopId: number | null;
  /** UTC instants of the enrollment date range (inclusive from, exclusive to). */
  from: string | null;
  to: string | null;
  /** Only these enrollments ("export selected"). */
  ids: number[];
  /** The locations of a staff member limited to some (null: every one). */
  scope?: number[] | null;
};

/** A location scope as a condition on `w.locationId` (an empty scope matches nothing). */
const inScope = (scope: number[]) => (scope.length > 0 ? scope : [0]);

function filteredEnrollments(db: Db | Tx, f: EnrollmentFilters) {
  let query = db
    .selectFrom('enrollments as e')
    .innerJoin('customers as c', 'c.id', 'e.customerId')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId');
  const number = searchedNumber(f.q);
  if (number !== null) query = query.where('e.id', '=', number);
  else
    for (const cond of wordsMatch(f.q, { searchText: ['c.searchText'], folded: ['w.name'] }))
      query = query.where(cond);
  if (f.status) query = query.where('e.status', '=', f.status);
  if (f.workshopId) query = query.where('e.workshopId', '=', f.workshopId);
  if (f.from) query = query.where('e.createdAt', '>=', f.from);
  if (f.to) query = query.where('e.createdAt', '<', f.to);
  if (f.ids.length > 0) query = query.where('e.id', 'in', f.ids);
  if (f.scope) query = query.where('w.locationId', 'in', inScope(f.scope));
  return query;
}

/**
 * What was given back of an enrollment under `e`: its REFUND rows in the payments ledger. Only a
 * cancelled enrollment can have any (a refund is recorded against `refund_due_clp`, which only a
 * cancellation sets), so the others skip the read.
 */
const refundedSql = sql<number>`(case when e.status = 'ANULADO' then (select coalesce(sum(p.amount_clp), 0) from payments p where p.enrollment_id = e.id and p.kind = 'REFUND') else 0 end)`;

/**
 * Money totals of the whole filtered list (not just the page), and the rule that makes them add up:
 * total = paid + owed + refunded. An active enrollment counts for its price (what was paid plus what
 * is owed); a cancelled one for what was paid for it, whether still held (`paid`, of which
 * `refundDue` is still to give back) or already given back (`refunded`), and owes nothing. The first
 * version counted a cancelled booking's money in "Pagado" but not in "Total".
 */
export async function enrollmentTotals(db: Db, f: EnrollmentFilters) {
  const row = await filteredEnrollments(db, f)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when e.status <> 'ANULADO' then e.amount_due_clp else e.amount_paid_clp + ${refundedSql} end), 0)`.as(
        'total',
      ),
      sql<number>`coalesce(sum(e.amount_paid_clp), 0)`.as('paid'),
      sql<number>`coalesce(sum(${owedSql('e')}), 0)`.as('owed'),
      sql<number>`coalesce(sum(${refundedSql}), 0)`.as('refunded'),
      sql<number>`coalesce(sum(e.refund_due_clp), 0)`.as('refundDue'),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(row.count),
    total: Number(row.total),
    paid: Number(row.paid),
    owed: Number(row.owed),
    refunded: Number(row.refunded),
    refundDue: Number(row.refundDue),
  };
}

const SORT_SQL = {
  cliente: sql`lower(c.full_name)`,
  taller: sql`lower(w.name)`,
  fecha: sql`e.created_at`,
  estado: sql`e.status`,
  monto: sql`e.amount_due_clp`,
  pagado: sql`e.amount_paid_clp`,
  debe: owedSql('e'),
} as const;

export async function listEnrollments(
  db: Db,
  f: EnrollmentFilters,
  order: { sort: EnrollmentSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredEnrollments(db, f)
    .select([
      'e.id',
      'e.status',
      'e.amountDueClp',
      'e.amountPaidClp',
      owedSql('e').as('owedClp'),
      'e.refundDueClp',
      'e.createdAt',
      'e.customerId',
      'e.workshopId',
      'c.fullName as customerName',
      'c.email as customerEmail',
      'w.name as workshopName',
      'w.startsAt as workshopStartsAt',
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('e.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type EnrollmentListRow = Awaited<ReturnType<typeof listEnrollments>>[number];

/** Workshops for the filter, newest first. */
export async function listWorkshopOptions(db: Db, scope: number[] | null = null) {
  let query = db.selectFrom('workshops').select(['id', 'name', 'startsAt']);
  if (scope) query = query.where('locationId', 'in', inScope(scope));
  return query.orderBy('startsAt', 'desc').limit(500).execute();
}

/**
 * The enrollments among `ids` whose workshop lies in the staff member's locations: a bulk action
 * sent with ids outside them (typed by hand) touches only these.
 */
export async function enrollmentIdsInScope(db: Db, ids: number[], scope: number[] | null): Promise<number[]> {
  if (scope === null || ids.length === 0) return ids;
  const rows = await db
    .selectFrom('enrollments as e')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .select('e.id')
    .where('e.id', 'in', ids)
    .where('w.locationId', 'in', inScope(scope))
    .execute();
  const allowed = new Set(rows.map((r) => r.id));
  return ids.filter((id) => allowed.has(id));
}

/** The distinct customers of some enrollments (bulk "send an e-mail"). */
export async function customerIdsOfEnrollments(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('enrollments')
    .select('customerId')
    .distinct()
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.customerId).sort((a, b) => a - b);
}
