import type { Db } from '../../db/database';
import type { KeysetPage } from '../../lib/keyset';

function baseQuery(db: Db) {
  return db
    .selectFrom('products')
    .leftJoin('interests', 'interests.id', 'products.categoryId')
    .select([
      'products.id',
      'products.name',
      'products.description',
      'products.categoryId',
      'interests.name as categoryName',
      'products.priceClp',
      'products.stock',
      'products.updatedAt',
    ])
    .where('products.isAvailable', '=', true);
}

export type ApiProduct = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/** The kits on sale with their stock, in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiProducts(
  db: Db,
  filter: { updatedSince: string | null; categoryId: number | null },
  page: KeysetPage,
): Promise<ApiProduct[]> {
  let query = baseQuery(db);
  if (filter.updatedSince !== null) query = query.where('products.updatedAt', '>=', filter.updatedSince);
  if (filter.categoryId !== null) query = query.where('products.categoryId', '=', filter.categoryId);
  if (page.afterId !== null) query = query.where('products.id', '>', page.afterId);
  return query
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
}

export async function findApiProduct(db: Db, id: number): Promise<ApiProduct | undefined> {
  return baseQuery(db).where('products.id', '=', id).executeTakeFirst();
}
