import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import {
  ACTIVE_ENROLLMENT_STATUSES,
  type CustomerType,
  type DB,
  type Modality,
  type PaymentKind,
  type PaymentMethod,
} from '../../db/schema';
import { santiagoDate } from '../../lib/dates';
import { owedSql, owesSql } from '../balance';
import type { MonthRange, Range } from './reports.period';

/**
 * Every figure of the reports, aggregated by the database. Time windows arrive as UTC instants
 * (see reports.period.ts) and are only ever compared with timestamp columns, which is portable:
 * PostgreSQL types the parameter from the column, SQLite compares ISO strings.
 */

/** A payment with its sign: refunds subtract. */
const signedAmount = sql<number>`case when payments.kind = 'REFUND' then -payments.amount_clp else payments.amount_clp end`;

const num = (v: unknown) => Number(v ?? 0);

/**
 * The Santiago days [fromDay, toDay) a range covers, for the daily money summary (payment_days).
 * Report ranges start and end at Santiago midnights (reports.period.ts), so they are whole days.
 */
function days(range: Range): { fromDay: string; toDay: string } {
  return { fromDay: santiagoDate(new Date(range.from)), toDay: santiagoDate(new Date(range.to)) };
}

export type PeriodKpis = {
  collectedWorkshops: number;
  collectedShop: number;
  grossPayments: number;
  /** Purchases (enrollments, kit orders) whose first payment came in the period. */
  paidPurchases: number;
  newCustomers: number;
  cancellations: number;
  waitlistDemand: number;
};

/** Money in (payments minus refunds, by source), paid purchases, and the period's counts. */
export async function periodKpis(db: Db, range: Range): Promise<PeriodKpis> {
  const { fromDay, toDay } = days(range);
  const money = await db
    .selectFrom('paymentDays')
    .select([
      sql<number>`coalesce(sum(case when source = 'talleres' then amount_clp else 0 end), 0)`.as('workshops'),
      sql<number>`coalesce(sum(case when source = 'kits' then amount_clp else 0 end), 0)`.as('shop'),
      sql<number>`coalesce(sum(gross_clp), 0)`.as('gross'),
      sql<number>`coalesce(sum(purchases), 0)`.as('purchases'),
    ])
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .executeTakeFirstOrThrow();
  const counts = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('customers')
        .select(sql<number>`count(*)`.as('n'))
        .where('customers.createdAt', '>=', range.from)
        .where('customers.createdAt', '<', range.to)
        .as('newCustomers'),
      eb
        .selectFrom('enrollments')
        .select(sql<number>`count(*)`.as('n'))
        .where('enrollments.status', '=', 'ANULADO')
        .where('enrollments.cancelledAt', '>=', range.from)
        .where('enrollments.cancelledAt', '<', range.to)
        .as('cancellations'),
      eb
        .selectFrom('waitlistEntries')
        .select(sql<number>`count(*)`.as('n'))
        .where('waitlistEntries.createdAt', '>=', range.from)
        .where('waitlistEntries.createdAt', '<', range.to)
        .as('waitlistDemand'),
    ])
    .executeTakeFirstOrThrow();
  return {
    collectedWorkshops: num(money.workshops),
    collectedShop: num(money.shop),
    grossPayments: num(money.gross),
    paidPurchases: num(money.purchases),
    newCustomers: num(counts.newCustomers),
    cancellations: num(counts.cancellations),
    waitlistDemand: num(counts.waitlistDemand),
  };
}

export type MoneyOwed = { enrollments: number; sales: number };

/** What customers owe today: the unpaid part of every active enrollment, and unpaid kit orders. */
export async function moneyOwed(db: Db): Promise<MoneyOwed> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('enrollments')
        .select(sql<number>`coalesce(sum(${owedSql('enrollments')}), 0)`.as('n'))
        .where(owesSql('enrollments'))
        .as('enrollments'),
      eb
        .selectFrom('sales')
        .select(sql<number>`coalesce(sum(sales.total_clp), 0)`.as('n'))
        .where('sales.status', '=', 'PENDIENTE')
        .as('sales'),
    ])
    .executeTakeFirstOrThrow();
  return { enrollments: num(row.enrollments), sales: num(row.sales) };
}

export type MonthlyRevenue = { workshops: number; shop: number }[];

/**
 * One aggregate per month, glued with UNION ALL: each reads its own [from, to) range of an index.
 * Measured against a CASE over the boundaries (one scan, one CASE per row): twice as fast on SQLite.
 * Month indexes are literals: as parameters, PostgreSQL would type them as text.
 */
function perMonth<Q extends { unionAll: (other: Q) => Q }>(
  months: MonthRange[],
  build: (m: MonthRange, index: number) => Q,
): Q {
  const parts = months.map(build);
  return parts.slice(1).reduce((query, part) => query.unionAll(part), parts[0]!);
}

/** Net money in per month and source, one entry per month (zero when nothing came in). */
export async function revenueByMonth(db: Db, months: MonthRange[]): Promise<MonthlyRevenue> {
  const first = months[0];
  const last = months.at(-1);
  const result = months.map(() => ({ workshops: 0, shop: 0 }));
  if (!first || !last) return result;
  const rows = await db
    .selectFrom('paymentDays')
    .select([
      sql<string>`substr(day, 1, 7)`.as('month'),
      sql<number>`sum(case when source = 'talleres' then amount_clp else 0 end)`.as('workshops'),
      sql<number>`sum(case when source = 'kits' then amount_clp else 0 end)`.as('shop'),
    ])
    .where('day', '>=', days(first).fromDay)
    .where('day', '<', days(last).toDay)
    .groupBy(sql`substr(day, 1, 7)`)
    .execute();
  const index = new Map(months.map((m, i) => [m.key, i]));
  for (const r of rows) {
    const slot = result[index.get(r.month) ?? -1];
    if (slot) {
      slot.workshops = num(r.workshops);
      slot.shop = num(r.shop);
    }
  }
  return result;
}

/** Customers created per month. */
export async function newCustomersByMonth(db: Db, months: MonthRange[]): Promise<number[]> {
  const rows = await perMonth(months, (m, i) =>
    db
      .selectFrom('customers')
      .select([sql.lit(i).as('monthIndex'), sql<number>`count(*)`.as('n')])
      .where('customers.createdAt', '>=', m.from)
      .where('customers.createdAt', '<', m.to),
  ).execute();
  const result = months.map(() => 0);
  for (const r of rows) if (num(r.monthIndex) < result.length) result[num(r.monthIndex)] = num(r.n);
  return result;
}

/**
 * One slice of the period's money in, grouped by everything the page breaks it down by. The page
 * rolls these few groups up per dimension, so the payments are read once per source, not once per chart.
 */
export type RevenueSlice = {
  source: 'talleres' | 'kits';
  categoryId: number | null;
  categoryName: string | null;
  modality: Modality | null;
  customerType: CustomerType;
  companyId: number | null;
  companyName: string | null;
  amount: number;
};

export async function revenueSlices(db: Db, range: Range): Promise<RevenueSlice[]> {
  const { fromDay, toDay } = days(range);
  const rows = await db
    .selectFrom((q) =>
      q
        .selectFrom('paymentDays')
        .select([
          'paymentDays.source',
          'paymentDays.categoryId',
          'paymentDays.modality',
          'paymentDays.customerType',
          'paymentDays.companyId',
          sql<number>`sum(payment_days.amount_clp)`.as('amount'),
        ])
        .where('paymentDays.day', '>=', fromDay)
        .where('paymentDays.day', '<', toDay)
        .groupBy([
          'paymentDays.source',
          'paymentDays.categoryId',
          'paymentDays.modality',
          'paymentDays.customerType',
          'paymentDays.companyId',
        ])
        .as('slices'),
    )
    .leftJoin('interests', 'interests.id', 'slices.categoryId')
    .leftJoin('companies', 'companies.id', 'slices.companyId')
    .select([
      'slices.source',
      'slices.categoryId',
      'interests.name as categoryName',
      'slices.modality',
      'slices.customerType',
      'slices.companyId',
      'companies.legalName as companyName',
      'slices.amount',
    ])
    .execute();
  return rows.map((r) => ({
    source: r.source,
    categoryId: r.categoryId === 0 ? null : r.categoryId,
    categoryName: r.categoryId === 0 ? null : r.categoryName,
    modality: r.modality === '' ? null : r.modality,
    customerType: r.customerType,
    companyId: r.companyId === 0 ? null : r.companyId,
    companyName: r.companyId === 0 ? null : r.companyName,
    amount: num(r.amount),
  }));
}

/** One workshop's active enrollments made in the period, with what the report groups them by. */
export type WorkshopEnrollments = {
  id: number;
  name: string;
  categoryId: number | null;
  categoryName: string | null;
  modality: Modality;
  locationId: number | null;
  locationName: string | null;
  enrollments: number;
};

/**
 * Active enrollments made in the period, per workshop, in one read of the enrollments index: the
 * page rolls them up by category and modality and takes the top workshops from the same rows.
 */
export async function enrollmentsByWorkshop(db: Db, range: Range): Promise<WorkshopEnrollments[]> {
  const rows = await db
    .selectFrom((q) =>
      q
        .selectFrom('enrollments')
        .select(['enrollments.workshopId', sql<number>`count(*)`.as('enrollments')])
        .where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
        .where('enrollments.createdAt', '>=', range.from)
        .where('enrollments.createdAt', '<', range.to)
        .groupBy('enrollments.workshopId')
        .as('counts'),
    )
    .innerJoin('workshops', 'workshops.id', 'counts.workshopId')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .leftJoin('locations', 'locations.id', 'workshops.locationId')
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.categoryId',
      'interests.name as categoryName',
      'workshops.modality',
      'workshops.locationId',
      'locations.name as locationName',
      'counts.enrollments',
    ])
    .execute();
  return rows.map((r) => ({ ...r, enrollments: num(r.enrollments) }));
}

export type OccupancyRow = {
  id: number;
  name: string;
  startsAt: string;
  seatsTaken: number;
  totalSeats: number;
};
export type Occupancy = { workshops: OccupancyRow[]; count: number; averagePercent: number | null };

/**
 * Seats taken over seats offered for the workshops held in the period (cancelled ones left out):
 * the first `limit` by date, and the average of every workshop's percentage.
 */
export async function occupancy(db: Db, range: Range, limit: number): Promise<Occupancy> {
  const held = (eb: ExpressionBuilder<DB, 'workshops'>) =>
    eb.and([
      eb('workshops.startsAt', '>=', range.from),
      eb('workshops.startsAt', '<', range.to),
      eb('workshops.cancelledAt', 'is', null),
      eb('workshops.totalSeats', '>', 0),
    ]);
  const [workshops, summary] = await Promise.all([
    db
      .selectFrom('workshops')
      .select(['id', 'name', 'startsAt', 'seatsTaken', 'totalSeats'])
      .where(held)
      .orderBy('startsAt')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('workshops')
      .select([
        sql<number>`count(*)`.as('count'),
        sql<number | null>`avg(100.0 * workshops.seats_taken / workshops.total_seats)`.as('average'),
      ])
      .where(held)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    workshops,
    count: num(summary.count),
    averagePercent: summary.average === null ? null : Number(summary.average),
  };
}

export type TopWorkshop = { id: number; name: string; enrollments: number };

export type TopKit = { id: number; name: string; units: number; amount: number };

/** The kits (not packs) with the most units sold in orders paid in the period. */
export async function topKits(db: Db, range: Range, limit: number): Promise<TopKit[]> {
  const rows = await db
    .selectFrom('saleLines')
    .innerJoin('sales', 'sales.id', 'saleLines.saleId')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'products.id',
      'products.name',
      sql<number>`sum(sale_lines.quantity)`.as('units'),
      sql<number>`sum(sale_lines.quantity * sale_lines.unit_price_clp)`.as('amount'),
    ])
    .where('sales.status', '=', 'PAGADO')
    .where('sales.paidAt', '>=', range.from)
    .where('sales.paidAt', '<', range.to)
    // Packs have their own section (revenue when sold, credits, liability).
    .where('products.kind', '=', 'kit')
    .groupBy(['products.id', 'products.name'])
    .orderBy(sql`sum(sale_lines.quantity)`, 'desc')
    .orderBy('products.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, units: num(r.units), amount: num(r.amount) }));
}

// ---------------------------------------------------------------------------------------------
// The revenue breakdown: the payments themselves.

export type PaymentFilter = Range & {
  source: 'talleres' | 'kits' | null;
  categoryId: number | null;
  status: 'PENDIENTE' | 'PAGADO' | 'ABONADO' | 'ANULADO' | null;
  method: PaymentMethod | null;
};

function filteredPayments(db: Db, filter: PaymentFilter) {
  let query = db
    .selectFrom('payments')
    .leftJoin('enrollments', 'enrollments.id', 'payments.enrollmentId')
    .leftJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .leftJoin('sales', 'sales.id', 'payments.saleId')
    .where('payments.paidAt', '>=', filter.from)
    .where('payments.paidAt', '<', filter.to);
  if (filter.source === 'talleres') query = query.where('payments.enrollmentId', 'is not', null);
  if (filter.source === 'kits') query = query.where('payments.saleId', 'is not', null);
  if (filter.method) query = query.where('payments.method', '=', filter.method);
  if (filter.status) {
    const status = filter.status;
    // Kit orders are never ABONADO (they are paid whole).
    const saleStatus = status === 'ABONADO' ? null : status;
    query = query.where((eb) =>
      eb.or([
        eb('enrollments.status', '=', status),
        ...(saleStatus ? [eb('sales.status', '=', saleStatus)] : []),
      ]),
    );
  }
  if (filter.categoryId !== null) {
    const categoryId = filter.categoryId;
    // A kit order belongs to a category when one of its lines does.
    query = query.where((eb) =>
      eb.or([
        eb('workshops.categoryId', '=', categoryId),
        eb.exists(
          eb
            .selectFrom('saleLines')
            .innerJoin('products', 'products.id', 'saleLines.productId')
            .select(sql.lit(1).as('one'))
            .whereRef('saleLines.saleId', '=', 'payments.saleId')
            .where('products.categoryId', '=', categoryId),
        ),
      ]),
    );
  }
  return query;
}

export type PaymentTotals = { count: number; total: number };

export async function paymentTotals(db: Db, filter: PaymentFilter): Promise<PaymentTotals> {
  const row = await filteredPayments(db, filter)
    .select([sql<number>`count(*)`.as('count'), sql<number>`coalesce(sum(${signedAmount}), 0)`.as('total')])
    .executeTakeFirstOrThrow();
  return { count: num(row.count), total: num(row.total) };
}

export type PaymentRow = {
  id: number;
  paidAt: string;
  kind: PaymentKind;
  amountClp: number;
  method: PaymentMethod;
  customerId: number;
  customerName: string;
  enrollmentId: number | null;
  workshopName: string | null;
  categoryName: string | null;
  saleId: number | null;
  status: string | null;
};

function paymentColumns(db: Db, filter: PaymentFilter) {
  // Customers are joined only here: the totals need no name, and a left join nobody reads is one
  // both engines drop from the plan.
  return filteredPayments(db, filter)
    .innerJoin('customers', (join) =>
      join.on(sql<boolean>`customers.id = coalesce(enrollments.customer_id, sales.customer_id)`),
    )
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .select([
      'payments.id',
      'payments.paidAt',
      'payments.kind',
      'payments.amountClp',
      'payments.method',
      'customers.id as customerId',
      'customers.fullName as customerName',
      'payments.enrollmentId',
      'workshops.name as workshopName',
      'interests.name as categoryName',
      'payments.saleId',
      sql<string | null>`coalesce(enrollments.status, sales.status)`.as('status'),
    ])
    .orderBy('payments.paidAt', 'desc')
    .orderBy('payments.id', 'desc');
}

/** One page of the filtered payments, newest first. */
export async function listPayments(
  db: Db,
  filter: PaymentFilter,
  page: { offset: number; limit: number },
): Promise<PaymentRow[]> {
  return paymentColumns(db, filter).offset(page.offset).limit(page.limit).execute();
}

/** The filtered payments after a (paidAt, id) cursor, newest first: exports read in chunks this way. */
export async function listPaymentsAfter(
  db: Db,
  filter: PaymentFilter,
  cursor: { paidAt: string; id: number } | null,
  limit: number,
): Promise<PaymentRow[]> {
  let query = paymentColumns(db, filter);
  if (cursor)
    query = query.where((eb) =>
      eb.or([
        eb('payments.paidAt', '<', cursor.paidAt),
        eb.and([eb('payments.paidAt', '=', cursor.paidAt), eb('payments.id', '<', cursor.id)]),
      ]),
    );
  return query.limit(limit).execute();
}

export type SaleLineSummary = { saleId: number; productName: string; quantity: number };

/** The lines of a batch of kit orders (what each kit payment paid for). */
export async function listSaleLines(db: Db, saleIds: number[]): Promise<SaleLineSummary[]> {
  if (saleIds.length === 0) return [];
  return db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select(['saleLines.saleId', 'products.name as productName', 'saleLines.quantity'])
    .where('saleLines.saleId', 'in', saleIds)
    .orderBy('saleLines.saleId')
    .orderBy('saleLines.id')
    .execute();
}

export async function listCategories(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('interests').select(['id', 'name']).orderBy('name').execute();
}

export type LocationRevenue = { locationId: number | null; locationName: string | null; amount: number };

/**
 * Money in for workshops in the period (payments minus refunds paid in it) per location (sede) of the
 * workshop. Read from the ledger rather than payment_days, whose dimensions predate locations; kit
 * orders belong to no location and are left out.
 */
export async function workshopRevenueByLocation(db: Db, range: Range): Promise<LocationRevenue[]> {
  const rows = await db
    .selectFrom('payments')
    .innerJoin('enrollments', 'enrollments.id', 'payments.enrollmentId')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .leftJoin('locations', 'locations.id', 'workshops.locationId')
    .select([
      'workshops.locationId',
      'locations.name as locationName',
      sql<number>`sum(case when payments.kind = 'REFUND' then -payments.amount_clp else payments.amount_clp end)`.as(
        'amount',
      ),
    ])
    .where('payments.paidAt', '>=', range.from)
    .where('payments.paidAt', '<', range.to)
    .groupBy(['workshops.locationId', 'locations.name'])
    .execute();
  return rows.map((r) => ({ ...r, amount: num(r.amount) }));
}
