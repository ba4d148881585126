import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { CustomerType, CustomerUpdate, LifecycleStage, NewCustomer } from '../../db/schema';
import { searchConditions } from '../../db/search';
import { owedSql, owesSql } from '../balance';

export async function findCustomerByUserId(trx: Tx, userId: number) {
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone'])
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function findCustomerByEmail(trx: Tx, email: string) {
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone', 'userId'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function insertCustomer(trx: Tx, customer: NewCustomer): Promise<number> {
  const row = await trx.insertInto('customers').values(customer).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function linkCustomerToUser(
  trx: Tx,
  customerId: number,
  userId: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('customers')
    .set({ userId, updatedAt: at.toISOString() })
    .where('id', '=', customerId)
    .where('userId', 'is', null)
    .execute();
}

// ---- Back office: the customer list, the customer 360 and lifecycle -----------------------------

export const CUSTOMER_SORTS = ['nombre', 'email', 'empresa', 'comuna', 'etapa', 'registro'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export type CustomerFilters = {
  q: string;
  type: CustomerType | null;
  companyId: number | null;
  /** Customers with any of these interests. */
  interestIds: number[];
  comuna: string;
  stage: LifecycleStage | null;
  /** Owes money: an active enrollment not fully paid, or a PENDIENTE order. */
  hasDebt: boolean;
  /** Only these customers (the rows selected for "export selected"). */
  ids: number[];
};

function filteredCustomers(db: Db | Tx, f: CustomerFilters) {
  let query = db.selectFrom('customers as c').leftJoin('companies as co', 'co.id', 'c.companyId');
  for (const cond of searchConditions('c.searchText', f.q)) query = query.where(cond);
  if (f.type) query = query.where('c.customerType', '=', f.type);
  if (f.companyId) query = query.where('c.companyId', '=', f.companyId);
  if (f.comuna) query = query.where('c.comuna', '=', f.comuna);
  if (f.stage) query = query.where('c.lifecycleStage', '=', f.stage);
  if (f.ids.length > 0) query = query.where('c.id', 'in', f.ids);
  if (f.interestIds.length > 0) {
    const ids = f.interestIds;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customerInterests as ci')
          .select('ci.customerId')
          .whereRef('ci.customerId', '=', 'c.id')
          .where('ci.interestId', 'in', ids),
      ),
    );
  }
  if (f.hasDebt) {
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('enrollments as e')
            .select('e.id')
            .whereRef('e.customerId', '=', 'c.id')
            .where(owesSql('e')),
        ),
        eb.exists(
          eb
            .selectFrom('sales as s')
            .select('s.id')
            .whereRef('s.customerId', '=', 'c.id')
            .where('s.status', '=', 'PENDIENTE'),
        ),
      ]),
    );
  }
  return query;
}

export async function countCustomers(db: Db, f: CustomerFilters): Promise<number> {
  const row = await filteredCustomers(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

const CUSTOMER_SORT_SQL = {
  nombre: sql`lower(c.full_name)`,
  email: sql`c.email`,
  empresa: sql`lower(coalesce(co.legal_name, ''))`,
  comuna: sql`lower(coalesce(c.comuna, ''))`,
  etapa: sql`c.lifecycle_stage`,
  registro: sql`c.created_at`,
} as const;

export async function listCustomers(
  db: Db | Tx,
  f: CustomerFilters,
  order: { sort: CustomerSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredCustomers(db, f)
    .select([
      'c.id',
      'c.fullName',
      'c.email',
      'c.phone',
      'c.rut',
      'c.comuna',
      'c.customerType',
      'c.lifecycleStage',
      'c.companyId',
      'c.createdAt',
      'co.legalName as companyName',
    ])
    .orderBy(CUSTOMER_SORT_SQL[order.sort], order.dir)
    .orderBy('c.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type CustomerListRow = Awaited<ReturnType<typeof listCustomers>>[number];

const chunks = <T>(list: T[], size = 500): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Interest names per customer, in one query per 500 customers. */
export async function interestNamesFor(db: Db | Tx, customerIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  for (const ids of chunks(customerIds)) {
    const rows = await db
      .selectFrom('customerInterests as ci')
      .innerJoin('interests as i', 'i.id', 'ci.interestId')
      .select(['ci.customerId', 'i.name'])
      .where('ci.customerId', 'in', ids)
      .orderBy('i.name')
      .execute();
    for (const r of rows) result.set(r.customerId, [...(result.get(r.customerId) ?? []), r.name]);
  }
  return result;
}

/** What each customer owes (active enrollments' balance plus PENDIENTE orders), in batches. */
export async function amountsOwedBy(db: Db | Tx, customerIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  for (const ids of chunks(customerIds)) {
    const [enrollments, sales] = await Promise.all([
      db
        .selectFrom('enrollments')
        .select(['customerId', sql<number>`sum(${owedSql('enrollments')})`.as('owed')])
        .where('customerId', 'in', ids)
        .where(owesSql('enrollments'))
        .groupBy('customerId')
        .execute(),
      db
        .selectFrom('sales')
        .select(['customerId', sql<number>`sum(total_clp)`.as('owed')])
        .where('customerId', 'in', ids)
        .where('status', '=', 'PENDIENTE')
        .groupBy('customerId')
        .execute(),
    ]);
    for (const r of [...enrollments, ...sales])
      result.set(r.customerId, (result.get(r.customerId) ?? 0) + Number(r.owed ?? 0));
  }
  return result;
}

/** The comunas customers live in, for the filter. */
export async function listComunas(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('comuna')
    .distinct()
    .where('comuna', 'is not', null)
    .where('comuna', '<>', '')
    .orderBy('comuna')
    .execute();
  return rows.map((r) => r.comuna!);
}

export async function findCustomerRecord(db: Db | Tx, id: number) {
  return db
    .selectFrom('customers as c')
    .leftJoin('companies as co', 'co.id', 'c.companyId')
    .select([
      'c.id',
      'c.fullName',
      'c.email',
      'c.phone',
      'c.birthDate',
      'c.comuna',
      'c.rut',
      'c.customerType',
      'c.companyId',
      'c.notes',
      'c.userId',
      'c.lifecycleStage',
      'c.isMarketingOptOut',
      'c.marketingConsentAt',
      'c.lastActivityAt',
      'c.createdAt',
      'co.legalName as companyName',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomerRecord>>>;

export async function findCustomerIdByEmail(db: Db | Tx, email: string): Promise<number | null> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listInterestIdsOf(db: Db | Tx, customerId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('customerInterests')
    .select('interestId')
    .where('customerId', '=', customerId)
    .execute();
  return rows.map((r) => r.interestId);
}

export async function updateCustomerRow(trx: Tx, id: number, values: CustomerUpdate) {
  await trx.updateTable('customers').set(values).where('id', '=', id).execute();
}

/** Replaces a customer's interests with exactly these. */
export async function replaceCustomerInterests(trx: Tx, customerId: number, interestIds: number[]) {
  await trx.deleteFrom('customerInterests').where('customerId', '=', customerId).execute();
  if (interestIds.length > 0)
    await trx
      .insertInto('customerInterests')
      .values(interestIds.map((interestId) => ({ customerId, interestId })))
      .execute();
}

export async function countExistingInterests(db: Db | Tx, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('interests')
    .select(sql<number>`count(*)`.as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return row.n;
}

// ---- Customer 360 -------------------------------------------------------------------------------

export async function listCustomerEnrollments(db: Db, customerId: number) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .select([
      'e.id',
      'e.status',
      'e.amountDueClp',
      'e.amountPaidClp',
      owedSql('e').as('owedClp'),
      'e.refundDueClp',
      'e.createdAt',
      'e.attendedAt',
      'w.id as workshopId',
      'w.name as workshopName',
      'w.startsAt',
    ])
    .where('e.customerId', '=', customerId)
    .orderBy('w.startsAt', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

export async function listCustomerOrders(db: Db, customerId: number) {
  const orders = await db
    .selectFrom('sales')
    .select(['id', 'totalClp', 'status', 'createdAt', 'paidAt'])
    .where('customerId', '=', customerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const lines =
    orders.length === 0
      ? []
      : await db
          .selectFrom('saleLines as l')
          .innerJoin('products as p', 'p.id', 'l.productId')
          .select(['l.saleId', 'l.quantity', 'l.unitPriceClp', 'p.name as productName'])
          .where(
            'l.saleId',
            'in',
            orders.map((o) => o.id),
          )
          .orderBy('l.id')
          .execute();
  return orders.map((o) => ({ ...o, lines: lines.filter((l) => l.saleId === o.id) }));
}

/** Payments and refunds of the customer's enrollments and orders, newest first. */
export async function listCustomerPayments(db: Db, customerId: number) {
  return db
    .selectFrom('payments as p')
    .leftJoin('enrollments as e', 'e.id', 'p.enrollmentId')
    .leftJoin('workshops as w', 'w.id', 'e.workshopId')
    .leftJoin('sales as s', 's.id', 'p.saleId')
    .select([
      'p.id',
      'p.kind',
      'p.amountClp',
      'p.method',
      'p.reference',
      'p.paidAt',
      'p.enrollmentId',
      'p.saleId',
      'w.name as workshopName',
    ])
    .where((eb) => eb.or([eb('e.customerId', '=', customerId), eb('s.customerId', '=', customerId)]))
    .orderBy('p.paidAt', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** E-mails sent (or attempted) to the customer, newest first. */
export async function listCustomerEmails(db: Db, customerId: number, limit = 50) {
  return db
    .selectFrom('emailLog')
    .select(['id', 'subject', 'recipient', 'status', 'errorMessage', 'createdAt', 'outboxId'])
    .where('customerId', '=', customerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---- Lifecycle ----------------------------------------------------------------------------------

/** The facts the lifecycle stage follows: any enrollment or order, any payment, latest activity. */
export async function lifecycleFacts(db: Db | Tx, customerId: number) {
  const [enrollments, sales, payments] = await Promise.all([
    db
      .selectFrom('enrollments')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(created_at)`.as('latest')])
      .where('customerId', '=', customerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sales')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(created_at)`.as('latest')])
      .where('customerId', '=', customerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('payments as p')
      .leftJoin('enrollments as e', 'e.id', 'p.enrollmentId')
      .leftJoin('sales as s', 's.id', 'p.saleId')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(p.paid_at)`.as('latest')])
      .where('p.kind', '=', 'PAYMENT')
      .where((eb) => eb.or([eb('e.customerId', '=', customerId), eb('s.customerId', '=', customerId)]))
      .executeTakeFirstOrThrow(),
  ]);
  const latest = [enrollments.latest, sales.latest, payments.latest]
    .filter((d): d is string => !!d)
    .map((d) => new Date(d).toISOString())
    .sort()
    .at(-1);
  return {
    hasEnrollmentOrOrder: enrollments.n + sales.n > 0,
    hasPayment: payments.n > 0,
    lastActivityAt: latest ?? null,
  };
}

/**
 * Marks inactive, in one conditional UPDATE, every customer with no enrollment, order or payment
 * since `cutoff` (and registered before it). Safe to run in several processes at once.
 */
export async function markInactiveSince(db: Db | Tx, cutoff: string, at: string): Promise<number> {
  const result = await db
    .updateTable('customers as c')
    .set({ lifecycleStage: 'inactive', updatedAt: at })
    .where('c.lifecycleStage', '<>', 'inactive')
    .where('c.createdAt', '<', cutoff)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('enrollments as e')
              .select('e.id')
              .whereRef('e.customerId', '=', 'c.id')
              .where('e.createdAt', '>=', cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('sales as s')
              .select('s.id')
              .whereRef('s.customerId', '=', 'c.id')
              .where('s.createdAt', '>=', cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('payments as p')
              .innerJoin('enrollments as pe', 'pe.id', 'p.enrollmentId')
              .select('p.id')
              .whereRef('pe.customerId', '=', 'c.id')
              .where('p.paidAt', '>=', cutoff),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('payments as p')
              .innerJoin('sales as ps', 'ps.id', 'p.saleId')
              .select('p.id')
              .whereRef('ps.customerId', '=', 'c.id')
              .where('p.paidAt', '>=', cutoff),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Interactions of one customer move to another (a duplicate merged). Returns how many. */
export async function reassignInteractions(trx: Tx, fromId: number, toId: number): Promise<number> {
  const result = await trx
    .updateTable('interactions')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The customer an enrollment is for, read inside its transaction. */
export async function findCustomerForEnrollment(trx: Tx, id: number) {
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone', 'rut', 'companyId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The customer's marketing state, for `mayReceiveMarketing` (the outbox worker asks before each e-mail). */
export async function findMarketingState(db: Db | Tx, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['isMarketingOptOut', 'marketingConsentAt'])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

/** The names of some customers, by id (records that mention customers, such as the audit log). */
export async function customerNamesByIds(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('customers').select(['id', 'fullName']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** Name, e-mail, phone and marketing preference of one customer (pages that address them). */
export async function findCustomerContact(db: Db | Tx, id: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone', 'isMarketingOptOut'])
    .where('id', '=', id)
    .executeTakeFirst();
}
