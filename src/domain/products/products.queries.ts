import type { Db } from '../../db/database';
import { searchable } from '../../lib/text';

export type ProductCardRow = {
  id: number;
  name: string;
  description: string | null;
  imagePath: string | null;
  priceClp: number;
  stock: number;
};

/** Available kits for the home page, the ones with stock first. */
export async function listFeaturedProducts(db: Db, limit: number): Promise<ProductCardRow[]> {
  return db
    .selectFrom('products')
    .select(['id', 'name', 'description', 'imagePath', 'priceClp', 'stock'])
    .where('isAvailable', '=', true)
    .orderBy((eb) => eb.case().when('stock', '>', 0).then(0).else(1).end())
    .orderBy('name')
    .limit(limit)
    .execute();
}

export type CatalogueFilter = { q: string; categoryId: number | null };

/**
 * The catalogue: available kits, by name, matched without accents or case ("resina" finds "Resína").
 * The name match runs in JS with `searchable()` over the available kits (a few hundred at most)
 * rather than in SQL: neither dialect strips accents the same way without an extension, and a
 * normalised column would need every writer of products (the back office) to keep it in step.
 */
export async function searchCatalogue(db: Db, filter: CatalogueFilter): Promise<ProductCardRow[]> {
  let query = db
    .selectFrom('products')
    .select(['id', 'name', 'description', 'imagePath', 'priceClp', 'stock'])
    .where('isAvailable', '=', true);
  if (filter.categoryId !== null) query = query.where('categoryId', '=', filter.categoryId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  const needle = searchable(filter.q);
  if (!needle) return rows;
  return rows.filter((row) => searchable(row.name).includes(needle));
}

/** Categories (interests) that at least one available kit belongs to, for the filter. */
export async function listCatalogueCategories(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('interests')
    .select(['interests.id', 'interests.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('products')
          .select('products.id')
          .whereRef('products.categoryId', '=', 'interests.id')
          .where('products.isAvailable', '=', true),
      ),
    )
    .orderBy('interests.name')
    .execute();
}

export type ProductDetail = {
  id: number;
  name: string;
  description: string | null;
  imagePath: string | null;
  priceClp: number;
  stock: number;
  isAvailable: boolean;
  categoryName: string | null;
};

/** Any product by id, including unavailable ones (their page says so). */
export async function findProductDetail(db: Db, id: number): Promise<ProductDetail | undefined> {
  return db
    .selectFrom('products')
    .leftJoin('interests', 'interests.id', 'products.categoryId')
    .select([
      'products.id',
      'products.name',
      'products.description',
      'products.imagePath',
      'products.priceClp',
      'products.stock',
      'products.isAvailable',
      'interests.name as categoryName',
    ])
    .where('products.id', '=', id)
    .executeTakeFirst();
}

export type LowStockRow = {
  id: number;
  name: string;
  stock: number;
  lowStockThreshold: number;
  isAvailable: boolean;
  priceClp: number;
};

/** Products at or below their low-stock threshold, the emptiest first. */
export async function listLowStockProducts(db: Db): Promise<LowStockRow[]> {
  return (
    db
      .selectFrom('products')
      .select(['id', 'name', 'stock', 'lowStockThreshold', 'isAvailable', 'priceClp'])
      .whereRef('stock', '<=', 'lowStockThreshold')
      // Only kits are kept in stock: packs and the gift card product are sold without one.
      .where('kind', '=', 'kit')
      .orderBy('stock')
      .orderBy('name')
      .execute()
  );
}
