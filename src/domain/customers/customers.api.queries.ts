import type { Db } from '../../db/database';
import type { KeysetPage } from '../../lib/keyset';

function customerQuery(db: Db) {
  return db
    .selectFrom('customers')
    .select([
      'id',
      'fullName',
      'email',
      'phone',
      'rut',
      'comuna',
      'customerType',
      'companyId',
      'lifecycleStage',
      'createdAt',
      'updatedAt',
    ]);
}

function companyQuery(db: Db) {
  return db
    .selectFrom('companies')
    .select(['id', 'legalName', 'rut', 'address', 'phone', 'createdAt', 'updatedAt']);
}

export type ApiCustomer = Awaited<ReturnType<ReturnType<typeof customerQuery>['execute']>>[number];
export type ApiCompany = Awaited<ReturnType<ReturnType<typeof companyQuery>['execute']>>[number];

/** Customers in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiCustomers(
  db: Db,
  filter: { updatedSince: string | null; companyId: number | null },
  page: KeysetPage,
): Promise<ApiCustomer[]> {
  let query = customerQuery(db);
  if (filter.updatedSince !== null) query = query.where('updatedAt', '>=', filter.updatedSince);
  if (filter.companyId !== null) query = query.where('companyId', '=', filter.companyId);
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  return query
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function findApiCustomer(db: Db, id: number): Promise<ApiCustomer | undefined> {
  return customerQuery(db).where('id', '=', id).executeTakeFirst();
}

/** Companies in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiCompanies(
  db: Db,
  filter: { updatedSince: string | null },
  page: KeysetPage,
): Promise<ApiCompany[]> {
  let query = companyQuery(db);
  if (filter.updatedSince !== null) query = query.where('updatedAt', '>=', filter.updatedSince);
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  return query
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function findApiCompany(db: Db, id: number): Promise<ApiCompany | undefined> {
  return companyQuery(db).where('id', '=', id).executeTakeFirst();
}
