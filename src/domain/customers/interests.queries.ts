import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { InterestsTable } from '../../db/schema';
import { searchConditions } from '../../db/search';
import { searchable } from '../../lib/text';

/** Two interest names are the same when they match ignoring case, accents and spacing ("Óleo", "oleo "). */
export const interestNameKey = (name: string) => searchable(name);

export const INTEREST_SORTS = ['nombre', 'clientes', 'talleres'] as const;
export type InterestSort = (typeof INTEREST_SORTS)[number];
export const INTEREST_USES = ['clientes', 'talleres', 'sin_uso'] as const;

export type InterestFilters = { q: string; use: (typeof INTEREST_USES)[number] | null };

function filtered(db: Db, f: InterestFilters) {
  let query = db.selectFrom('interests as i');
  for (const cond of searchConditions('i.searchText', f.q)) query = query.where(cond);
  if (f.use) {
    query = query.where((eb) => {
      const hasCustomers = eb.exists(
        eb
          .selectFrom('customerInterests as ci')
          .select('ci.customerId')
          .whereRef('ci.interestId', '=', 'i.id'),
      );
      const hasWorkshops = eb.exists(
        eb.selectFrom('workshops as w').select('w.id').whereRef('w.categoryId', '=', 'i.id'),
      );
      if (f.use === 'clientes') return hasCustomers;
      if (f.use === 'talleres') return hasWorkshops;
      return eb.and([eb.not(hasCustomers), eb.not(hasWorkshops)]);
    });
  }
  return query;
}

export async function countInterests(db: Db, f: InterestFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function listInterests(
  db: Db,
  f: InterestFilters,
  order: { sort: InterestSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const sortExpr = { nombre: sql`lower(i.name)`, clientes: sql`customers`, talleres: sql`workshops` }[
    order.sort
  ];
  return filtered(db, f)
    .select(['i.id', 'i.name', 'i.description'])
    .select((eb) => [
      eb
        .selectFrom('customerInterests as ci')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('ci.interestId', '=', 'i.id')
        .as('customers'),
      eb
        .selectFrom('workshops as w')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('w.categoryId', '=', 'i.id')
        .as('workshops'),
    ])
    .orderBy(sortExpr, order.dir)
    .orderBy('i.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type InterestRow = Awaited<ReturnType<typeof listInterests>>[number];

export async function findInterest(db: Db | Tx, id: number) {
  return db
    .selectFrom('interests')
    .select(['id', 'name', 'description'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type InterestRecord = NonNullable<Awaited<ReturnType<typeof findInterest>>>;

export async function findInterestIdByName(db: Db | Tx, name: string) {
  const row = await db
    .selectFrom('interests')
    .select('id')
    .where('nameKey', '=', interestNameKey(name))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** How many customers and workshops (and kits) use an interest: what a delete would touch. */
export async function interestUsage(db: Db | Tx, id: number) {
  const [customers, workshops, products] = await Promise.all([
    db
      .selectFrom('customerInterests')
      .select(sql<number>`count(*)`.as('n'))
      .where('interestId', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('workshops')
      .select(sql<number>`count(*)`.as('n'))
      .where('categoryId', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('products')
      .select(sql<number>`count(*)`.as('n'))
      .where('categoryId', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { customers: customers.n, workshops: workshops.n, products: products.n };
}

export async function insertInterest(trx: Tx, values: Insertable<InterestsTable>): Promise<number> {
  const row = await trx.insertInto('interests').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateInterestRow(trx: Tx, id: number, values: Updateable<InterestsTable>) {
  await trx.updateTable('interests').set(values).where('id', '=', id).execute();
}

export async function deleteInterestRow(trx: Tx, id: number) {
  await trx.deleteFrom('interests').where('id', '=', id).execute();
}

/** Every interest for checkboxes and filters, by name. */
export async function listInterestOptions(db: Db | Tx) {
  return db.selectFrom('interests').select(['id', 'name']).orderBy('name').execute();
}

export async function listCustomerInterestNames(db: Db, customerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('customerInterests')
    .innerJoin('interests', 'interests.id', 'customerInterests.interestId')
    .select('interests.name')
    .where('customerInterests.customerId', '=', customerId)
    .orderBy('interests.name')
    .execute();
  return rows.map((r) => r.name);
}
