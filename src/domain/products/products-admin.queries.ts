import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { folded, wordsMatch } from '../../db/search';

export const PRODUCT_SORTS = ['nombre', 'precio', 'stock', 'vendidos', 'categoria'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export type ProductFilters = {
  q: string;
  available: boolean | null;
  categoryId: number | null;
  lowStock: boolean;
  ids: number[];
};

/** Units in PAGADO sales, per product (a pending order is not sold yet; a cancelled one never was). */
const unitsSold = sql<number>`coalesce((select sum(sl.quantity) from sale_lines sl inner join sales s on s.id = sl.sale_id where sl.product_id = p.id and s.status = 'PAGADO'), 0)`;

function filteredProducts(db: Db | Tx, f: ProductFilters) {
  let query = db.selectFrom('products as p').leftJoin('interests as i', 'i.id', 'p.categoryId');
  for (const cond of wordsMatch(f.q, { folded: ['p.name'] })) query = query.where(cond);
  if (f.available !== null) query = query.where('p.isAvailable', '=', f.available);
  if (f.categoryId) query = query.where('p.categoryId', '=', f.categoryId);
  if (f.lowStock) query = query.whereRef('p.stock', '<=', 'p.lowStockThreshold');
  if (f.ids.length > 0) query = query.where('p.id', 'in', f.ids);
  return query;
}

export async function countProducts(db: Db, f: ProductFilters): Promise<number> {
  const row = await filteredProducts(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const SORT_SQL = {
  nombre: sql`lower(p.name)`,
  precio: sql`p.price_clp`,
  stock: sql`p.stock`,
  vendidos: unitsSold,
  categoria: sql`lower(coalesce(i.name, ''))`,
} as const;

export async function listProducts(
  db: Db,
  f: ProductFilters,
  order: { sort: ProductSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredProducts(db, f)
    .select([
      'p.id',
      'p.name',
      'p.priceClp',
      'p.stock',
      'p.lowStockThreshold',
      'p.isAvailable',
      'p.imagePath',
      'p.categoryId',
      'i.name as categoryName',
      unitsSold.as('unitsSold'),
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('p.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type ProductListRow = Awaited<ReturnType<typeof listProducts>>[number];

export async function findProductRecord(db: Db | Tx, id: number) {
  return db
    .selectFrom('products')
    .select([
      'id',
      'name',
      'description',
      'categoryId',
      'priceClp',
      'stock',
      'lowStockThreshold',
      'isAvailable',
      'imagePath',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type ProductRecord = NonNullable<Awaited<ReturnType<typeof findProductRecord>>>;

/** Another product whose name reads the same ignoring case and accents ("Resína" = "resina"). */
export async function findProductNamed(trx: Tx, foldedName: string, exceptId: number | null) {
  let query = trx.selectFrom('products as p').select('p.id').where(folded('p.name'), '=', foldedName);
  if (exceptId !== null) query = query.where('p.id', '<>', exceptId);
  return query.executeTakeFirst();
}

/** How many sale lines name the product (any status): a sold product is kept, only deactivated. */
export async function countSaleLinesOf(db: Db | Tx, productId: number): Promise<number> {
  const row = await db
    .selectFrom('saleLines')
    .select(sql<number>`count(*)`.as('n'))
    .where('productId', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function interestExists(trx: Tx, id: number): Promise<boolean> {
  return (
    (await trx.selectFrom('interests').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}
