import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { CompaniesTable } from '../../db/schema';
import { searchConditions } from '../../db/search';
import { searchable } from '../../lib/text';

/** Two legal names are the same company when they match ignoring case, accents and spacing. */
export const companyNameKey = (legalName: string) => searchable(legalName);

export const COMPANY_SORTS = ['nombre', 'rut', 'contactos', 'registro'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export type CompanyFilters = { q: string; contacts: 'con' | 'sin' | null };

function filtered(db: Db, f: CompanyFilters) {
  let query = db.selectFrom('companies as c');
  for (const cond of searchConditions('c.searchText', f.q)) query = query.where(cond);
  if (f.contacts) {
    query = query.where((eb) => {
      const exists = eb.exists(
        eb.selectFrom('customers as cu').select('cu.id').whereRef('cu.companyId', '=', 'c.id'),
      );
      return f.contacts === 'con' ? exists : eb.not(exists);
    });
  }
  return query;
}

export async function countCompanies(db: Db, f: CompanyFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function listCompanies(
  db: Db,
  f: CompanyFilters,
  order: { sort: CompanySort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const sortExpr = {
    nombre: sql`lower(c.legal_name)`,
    rut: sql`coalesce(c.rut, '')`,
    contactos: sql`contacts`,
    registro: sql`c.created_at`,
  }[order.sort];
  return filtered(db, f)
    .select(['c.id', 'c.legalName', 'c.rut', 'c.phone', 'c.address', 'c.createdAt'])
    .select((eb) =>
      eb
        .selectFrom('customers as cu')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('cu.companyId', '=', 'c.id')
        .as('contacts'),
    )
    .orderBy(sortExpr, order.dir)
    .orderBy('c.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type CompanyRow = Awaited<ReturnType<typeof listCompanies>>[number];

export async function findCompany(db: Db | Tx, id: number) {
  return db
    .selectFrom('companies')
    .select(['id', 'legalName', 'rut', 'address', 'phone', 'createdAt', 'updatedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type CompanyRecord = NonNullable<Awaited<ReturnType<typeof findCompany>>>;

/** Case-insensitive: "Café Limitada" and "café limitada" are the same company. */
export async function findCompanyIdByLegalName(db: Db | Tx, legalName: string) {
  const row = await db
    .selectFrom('companies')
    .select('id')
    .where('nameKey', '=', companyNameKey(legalName))
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findCompanyIdByRut(db: Db | Tx, rut: string) {
  const row = await db.selectFrom('companies').select('id').where('rut', '=', rut).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertCompany(trx: Tx, values: Insertable<CompaniesTable>): Promise<number> {
  const row = await trx.insertInto('companies').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCompanyRow(trx: Tx, id: number, values: Updateable<CompaniesTable>) {
  await trx.updateTable('companies').set(values).where('id', '=', id).execute();
}

export async function deleteCompanyRow(trx: Tx, id: number) {
  await trx.deleteFrom('companies').where('id', '=', id).execute();
}

export async function countCompanyContacts(db: Db | Tx, companyId: number): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select(sql<number>`count(*)`.as('n'))
    .where('companyId', '=', companyId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function listCompanyContacts(db: Db, companyId: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone', 'lifecycleStage'])
    .where('companyId', '=', companyId)
    .orderBy('fullName')
    .execute();
}

/** Every company for a select (id and name), by name. */
export async function listCompanyOptions(db: Db) {
  return db.selectFrom('companies').select(['id', 'legalName']).orderBy('legalName').execute();
}
