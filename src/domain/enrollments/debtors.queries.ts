import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { EnrollmentStatus } from '../../db/schema';
import { folded, wordsMatch } from '../../db/search';
import { owedSql, owesSql } from '../balance';

/**
 * The `estado` filter. No value or DEUDA: everyone who owes (PENDIENTE and ABONADO with a balance;
 * the old "Pagos Pendientes" left out ABONADO, defect 28). The old values ABONADO and PAGADO still
 * work, and PENDIENTE narrows to those who paid nothing yet.
 */
export const DEBTOR_STATES = ['DEUDA', 'PENDIENTE', 'ABONADO', 'PAGADO'] as const;
export type DebtorState = (typeof DEBTOR_STATES)[number];

export const DEBTOR_SORTS = ['monto', 'antiguedad', 'cliente', 'taller', 'fecha'] as const;
export type DebtorSort = (typeof DEBTOR_SORTS)[number];

export type DebtorFilters = { q: string; state: DebtorState | null; workshopId: number | null };

function filtered(db: Db | Tx, f: DebtorFilters) {
  let query = db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId');
  const state = f.state ?? 'DEUDA';
  if (state === 'PAGADO') query = query.where('enrollments.status', '=', 'PAGADO');
  else {
    const statuses: EnrollmentStatus[] = state === 'DEUDA' ? ['PENDIENTE', 'ABONADO'] : [state];
    query = query.where('enrollments.status', 'in', statuses).where(owesSql('enrollments'));
  }
  if (f.workshopId) query = query.where('enrollments.workshopId', '=', f.workshopId);
  for (const condition of wordsMatch(f.q, {
    searchText: ['customers.searchText'],
    folded: ['workshops.name'],
  }))
    query = query.where(condition);
  return query;
}

/** How many rows match and how much they owe in total (one query). */
export async function debtorTotals(db: Db, f: DebtorFilters): Promise<{ count: number; owedClp: number }> {
  const row = await filtered(db, f)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(${owedSql('enrollments')}), 0)`.as('owed'),
    ])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), owedClp: Number(row?.owed ?? 0) };
}

export type DebtorRow = {
  id: number;
  customerId: number;
  fullName: string;
  email: string;
  phone: string | null;
  workshopId: number;
  workshopName: string;
  startsAt: string;
  status: EnrollmentStatus;
  amountDueClp: number;
  amountPaidClp: number;
  owedClp: number;
  createdAt: string;
};

export async function listDebtors(
  db: Db,
  f: DebtorFilters,
  order: { sort: DebtorSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
): Promise<DebtorRow[]> {
  // "antiguedad" is age: descending = the oldest debt first, i.e. the earliest enrollment.
  const [column, dir] = {
    monto: [owedSql('enrollments'), order.dir],
    antiguedad: [sql`enrollments.created_at`, order.dir === 'asc' ? 'desc' : 'asc'],
    cliente: [sql`customers.search_text`, order.dir],
    taller: [folded('workshops.name'), order.dir],
    fecha: [sql`workshops.starts_at`, order.dir],
  }[order.sort] as [ReturnType<typeof sql>, 'asc' | 'desc'];
  return filtered(db, f)
    .select([
      'enrollments.id',
      'enrollments.customerId',
      'customers.fullName',
      'customers.email',
      'customers.phone',
      'enrollments.workshopId',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      owedSql('enrollments').as('owedClp'),
      'enrollments.createdAt',
    ])
    .orderBy(column, dir)
    .orderBy('enrollments.id', dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

/** Selected enrollments that still owe, with what a reminder needs (others are skipped). */
export async function findOwingEnrollments(db: Db | Tx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.customerId',
      'customers.fullName',
      'customers.email',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'enrollments.amountDueClp',
      owedSql('enrollments').as('owedClp'),
    ])
    .where('enrollments.id', 'in', ids)
    .where(owesSql('enrollments'))
    .orderBy('enrollments.id')
    .execute();
}

/** One enrollment for the "register a payment" page. */
export async function findDebtor(db: Db, id: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.customerId',
      'customers.fullName',
      'customers.email',
      'customers.phone',
      'enrollments.workshopId',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      owedSql('enrollments').as('owedClp'),
      'enrollments.refundDueClp',
      'enrollments.createdAt',
    ])
    .where('enrollments.id', '=', id)
    .executeTakeFirst();
}
