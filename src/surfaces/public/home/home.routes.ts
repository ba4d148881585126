import type { FastifyInstance } from 'fastify';
import { listFeaturedProducts } from '../../../domain/products';
import { listUpcomingWorkshops } from '../../../domain/workshops';
import { HomePage } from './views/home.page';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { anonymousCacheMs: 1000 } }, async (_request, reply) => {
    const { db } = app.deps.database;
    const [workshops, products] = await app.sharedRead('home', 1000, () =>
      Promise.all([listUpcomingWorkshops(db, app.deps.clock(), 6), listFeaturedProducts(db, 4)]),
    );
    return reply.page(HomePage, { workshops, products });
  });
}
