import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { DB, PackStatus } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';
import { balanceSql } from './packs.queries';
import { listEntriesOf } from './packs-account.queries';

export const PACK_SORTS = ['numero', 'titular', 'compra', 'vence', 'saldo', 'valor'] as const;
export type PackSort = (typeof PACK_SORTS)[number];
export const PACK_OWNER_FILTERS = ['cliente', 'empresa'] as const;

export type PackFilters = {
  q: string;
  status: PackStatus | null;
  owner: (typeof PACK_OWNER_FILTERS)[number] | null;
  from: string | null;
  to: string | null;
  ids: number[];
};

/** Credits used by enrollments: redemptions minus the credits that came back. */
const usedSql = (eb: ExpressionBuilder<DB, 'packs'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('packCreditEntries as u')
      .select(
        sql<number>`sum(case when u.kind = 'redeem' then 1 when u.kind = 'refund' then -1 else 0 end)`.as(
          'n',
        ),
      )
      .whereRef('u.packId', '=', 'packs.id'),
    sql<number>`0`,
  );

function filteredPacks(db: Db, f: PackFilters) {
  let query = db
    .selectFrom('packs')
    .leftJoin('customers as c', 'c.id', 'packs.customerId')
    .leftJoin('companies as co', 'co.id', 'packs.companyId');
  const number = searchedNumber(f.q);
  if (number !== null) query = query.where('packs.id', '=', number);
  else
    for (const cond of wordsMatch(f.q, { searchText: ['c.searchText', 'co.searchText'] }))
      query = query.where(cond);
  if (f.status) query = query.where('packs.status', '=', f.status);
  if (f.owner === 'cliente') query = query.where('packs.customerId', 'is not', null);
  if (f.owner === 'empresa') query = query.where('packs.companyId', 'is not', null);
  if (f.from) query = query.where('packs.purchasedAt', '>=', f.from);
  if (f.to) query = query.where('packs.purchasedAt', '<', f.to);
  if (f.ids.length > 0) query = query.where('packs.id', 'in', f.ids);
  return query;
}

/**
 * The list's totals and the accountant's three numbers for the packs it shows: what they sold for
 * (revenue counted when sold, refunded packs left out), the credits redeemed, and the liability
 * of the credits still unused (each worth the pack's price ÷ its credits), in CLP.
 */
export async function packTotals(db: Db, f: PackFilters) {
  const row = await filteredPacks(db, f)
    .select((eb) => [
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when packs.status <> 'ANULADO' then packs.price_clp else 0 end), 0)`.as(
        'sold',
      ),
      sql<number>`coalesce(sum(${usedSql(eb)}), 0)`.as('redeemed'),
      sql<number>`coalesce(sum(case when packs.status = 'ACTIVO' then ${balanceSql(eb)} else 0 end), 0)`.as(
        'unused',
      ),
      sql<number>`coalesce(sum(case when packs.status = 'ACTIVO' then ${balanceSql(eb)} * packs.price_clp * 1.0 / packs.credits else 0 end), 0)`.as(
        'liability',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(row.count),
    soldClp: Number(row.sold),
    redeemed: Number(row.redeemed),
    unusedCredits: Number(row.unused),
    liabilityClp: Math.round(Number(row.liability)),
  };
}

const SORT_SQL = {
  numero: sql`packs.id`,
  titular: sql`lower(coalesce(c.full_name, co.legal_name))`,
  compra: sql`packs.purchased_at`,
  vence: sql`packs.expires_at`,
  saldo: sql`balance`,
  valor: sql`packs.price_clp`,
} as const;

/** Packs sold and company bundles, for /gestion/bonos/ and its export. */
export async function listPacksSold(
  db: Db,
  f: PackFilters,
  order: { sort: PackSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const rows = await filteredPacks(db, f)
    .select((eb) => [
      'packs.id',
      'packs.name',
      'packs.credits',
      'packs.priceClp',
      'packs.status',
      'packs.purchasedAt',
      'packs.expiresAt',
      'packs.saleId',
      'packs.customerId',
      'packs.companyId',
      'c.fullName as customerName',
      'c.email as customerEmail',
      'co.legalName as companyName',
      'co.rut as companyRut',
      balanceSql(eb).as('balance'),
      usedSql(eb).as('used'),
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('packs.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({ ...r, balance: Number(r.balance), used: Number(r.used) }));
}

export type PackListRow = Awaited<ReturnType<typeof listPacksSold>>[number];

/** One pack for its staff page: who holds it, its numbers and its whole ledger. */
export async function findPackDetail(db: Db, id: number) {
  const pack = await db
    .selectFrom('packs')
    .leftJoin('customers as c', 'c.id', 'packs.customerId')
    .leftJoin('companies as co', 'co.id', 'packs.companyId')
    .leftJoin('customers as contact', 'contact.id', 'packs.contactCustomerId')
    .select((eb) => [
      'packs.id',
      'packs.name',
      'packs.credits',
      'packs.priceClp',
      'packs.status',
      'packs.purchasedAt',
      'packs.expiresAt',
      'packs.saleId',
      'packs.customerId',
      'packs.companyId',
      'packs.note',
      'c.fullName as customerName',
      'co.legalName as companyName',
      'contact.fullName as contactName',
      balanceSql(eb).as('balance'),
    ])
    .where('packs.id', '=', id)
    .executeTakeFirst();
  if (!pack) return undefined;
  return { ...pack, balance: Number(pack.balance), entries: await listEntriesOf(db, [id]) };
}

export type PackDetail = NonNullable<Awaited<ReturnType<typeof findPackDetail>>>;

/** A customer's packs for the customer 360 page, newest first. */
export async function listPacksOfCustomer(db: Db, customerId: number) {
  const rows = await db
    .selectFrom('packs')
    .select((eb) => [
      'packs.id',
      'packs.name',
      'packs.credits',
      'packs.status',
      'packs.expiresAt',
      balanceSql(eb).as('balance'),
    ])
    .where('packs.customerId', '=', customerId)
    .orderBy('packs.purchasedAt', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

/** Companies and the people of each, for assigning a bundle and its contact. */
export async function listBundleChoices(db: Db) {
  const [companies, people] = await Promise.all([
    db.selectFrom('companies').select(['id', 'legalName']).orderBy('legalName').execute(),
    db
      .selectFrom('customers')
      .innerJoin('companies', 'companies.id', 'customers.companyId')
      .select(['customers.id', 'customers.fullName', 'customers.email', 'companies.legalName as companyName'])
      .orderBy('customers.fullName')
      .execute(),
  ]);
  return { companies, people };
}

/** What assigning a bundle needs to know about its company and its contact. */
export async function findBundleParties(db: Db | Tx, companyId: number, contactCustomerId: number | null) {
  const company = await db
    .selectFrom('companies')
    .select(['id', 'legalName'])
    .where('id', '=', companyId)
    .executeTakeFirst();
  const contact =
    contactCustomerId === null
      ? undefined
      : await db
          .selectFrom('customers')
          .select(['id', 'companyId'])
          .where('id', '=', contactCustomerId)
          .executeTakeFirst();
  return { company, contact };
}
