import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listWaitlist } from '../../../domain/capacity';
import { findWorkshopSeats } from '../../../domain/workshops';
import { routeId } from '../../../http/params';
import { NotFoundError } from '../../../lib/errors';
import { StaffWaitlistPage } from './views/staff-waitlist.page';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Staff: a workshop's waitlist, under /gestion (the staff guard comes from staffArea). */
export async function staffWaitlistRoutes(app: FastifyInstance) {
  app.get('/talleres/:id/lista-espera/', async (request: IdRequest, reply) => {
    const { db } = app.deps.database;
    const workshop = await findWorkshopSeats(db, routeId(request.params.id));
    if (!workshop) throw new NotFoundError('Ese taller no existe.');
    return reply.page(StaffWaitlistPage, { workshop, entries: await listWaitlist(db, workshop.id) });
  });
}
