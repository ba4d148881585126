import type { Db } from '../../db/database';

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
