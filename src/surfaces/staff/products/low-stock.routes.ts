import type { FastifyInstance } from 'fastify';
import { listLowStockProducts } from '../../../domain/products';
import { LowStockPage } from './views/low-stock.page';

/** Staff pages under /gestion (registered through staffArea in app.ts). */
export async function productStaffRoutes(app: FastifyInstance) {
  app.get('/productos/stock-bajo/', async (_request, reply) => {
    return reply.page(LowStockPage, { products: await listLowStockProducts(app.deps.database.db) });
  });
}
