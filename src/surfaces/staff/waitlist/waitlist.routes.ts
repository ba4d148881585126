import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listWaitlist } from '../../../domain/capacity';
import { findWorkshopSeats } from '../../../domain/workshops';
import { requireWorkshopInScope } from '../../../http/location-scope';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { StaffWaitlistPage } from './views/staff-waitlist.page';

/** Staff: a workshop's waitlist, under /gestion (the staff guard comes from staffArea). */
export async function staffWaitlistRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/talleres/:id/lista-espera/',
    { schema: { params: idParams }, preValidation: requireWorkshopInScope },
    async (request, reply) => {
      const { db } = app.deps.database;
      const workshop = await findWorkshopSeats(db, request.params.id);
      if (!workshop) throw new NotFoundError('Ese taller no existe.');
      return reply.page(StaffWaitlistPage, { workshop, entries: await listWaitlist(db, workshop.id) });
    },
  );
}
