import type { ConsistencyCheck } from '../context';

export const productStockCheck: ConsistencyCheck = {
  name: 'stock de productos',
  run: async (db) => {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'name', 'stock'])
      .where('stock', '<', 0)
      .orderBy('id')
      .execute();
    return rows.map((p) => `Producto #${p.id} "${p.name}": stock negativo (${p.stock}).`);
  },
};
