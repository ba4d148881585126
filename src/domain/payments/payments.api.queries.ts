import type { Db } from '../../db/database';
import type { KeysetPage } from '../../lib/keyset';

function baseQuery(db: Db) {
  return db
    .selectFrom('payments')
    .select([
      'id',
      'kind',
      'amountClp',
      'method',
      'reference',
      'enrollmentId',
      'saleId',
      'paidAt',
      'createdAt',
    ]);
}

export type ApiPayment = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/**
 * Ledger rows in id order for keyset pagination; reads limit + 1 rows. A row is never edited, so
 * "updated since" is "recorded since".
 */
export async function listApiPayments(
  db: Db,
  filter: { updatedSince: string | null; enrollmentId: number | null; saleId: number | null },
  page: KeysetPage,
): Promise<ApiPayment[]> {
  let query = baseQuery(db);
  if (filter.updatedSince !== null) query = query.where('createdAt', '>=', filter.updatedSince);
  if (filter.enrollmentId !== null) query = query.where('enrollmentId', '=', filter.enrollmentId);
  if (filter.saleId !== null) query = query.where('saleId', '=', filter.saleId);
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  return query
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function findApiPayment(db: Db, id: number): Promise<ApiPayment | undefined> {
  return baseQuery(db).where('id', '=', id).executeTakeFirst();
}
