import type { FastifyInstance } from 'fastify';
import { listContactBundles, listCustomerPacks } from '../../domain/packs';
import { requireUser } from '../../http/guards';
import { CompanySeatsPage } from './views/company-seats.page';
import { PacksPage } from './views/packs.page';

/** "Mis bonos" (a customer's packs and their history) and a company contact's seat bundles. */
export async function accountPacksRoutes(fastify: FastifyInstance) {
  const { database } = fastify.deps;

  fastify.get('/cuenta/bonos/', { onRequest: requireUser }, async (request, reply) => {
    const customerId = request.user!.customerId;
    const [packs, bundles] = customerId
      ? await Promise.all([
          listCustomerPacks(database.db, customerId),
          listContactBundles(database.db, customerId),
        ])
      : [[], []];
    return reply.page(PacksPage, { packs, isCompanyContact: bundles.length > 0 });
  });

  fastify.get('/cuenta/empresa/', { onRequest: requireUser }, async (request, reply) => {
    const customerId = request.user!.customerId;
    const bundles = customerId ? await listContactBundles(database.db, customerId) : [];
    return reply.page(CompanySeatsPage, { bundles });
  });
}
