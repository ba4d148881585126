import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { findLiveOfferExpiry, findLiveOfferSeats, leaveWaitlist } from '../../../domain/capacity';
import { customerForUser } from '../../../domain/customers';
import { acceptWaitlistOffer, joinWaitlist } from '../../../domain/enrollments';
import { findWorkshopSummary, workshopPricing } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { routeId } from '../../../http/params';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { companionFields, companionNames, seatCount } from '../../../lib/fields';
import { AcceptOfferPage } from './views/accept-offer.page';

/** How many seats the customer waits for (a party waits until all are free); blank means 1. */
const waitlistForm = z.object({ cupos: seatCount() });

/** Accepting an offer for a party: its companions' names, all optional. */
const acceptForm = z.object({
  acompanante2: companionFields.acompanante2,
  acompanante3: companionFields.acompanante3,
  acompanante4: companionFields.acompanante4,
});

/** Errors on these POSTs go back to the workshop page, where the waitlist lives. */
const backToWorkshop = {
  errorRedirect: (request: FastifyRequest) => `/talleres/${(request.params as { id: string }).id}/`,
};

/** An anonymous POST goes to the login page and then back to the workshop. */
async function requireUserForWorkshop(request: FastifyRequest, reply: FastifyReply) {
  if (request.user) return;
  const back = `/talleres/${routeId((request.params as { id: string }).id)}/`;
  return reply.flashRedirect(
    `/login/?next=${encodeURIComponent(back)}`,
    'warning',
    'Inicia sesión para continuar.',
  );
}

export async function waitlistRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  app.post(
    '/talleres/:id/lista-espera/',
    {
      schema: { params: idParams, body: waitlistForm },
      onRequest: requireUserForWorkshop,
      config: backToWorkshop,
    },
    async (request, reply) => {
      const workshopId = request.params.id;
      const ctx = serviceContext(request);
      const user = request.user!;
      const { position } = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return joinWaitlist(trx, { workshopId, customerId: customer.id, seats: request.body.cupos }, ctx);
      });
      return reply.flashRedirect(
        `/talleres/${workshopId}/`,
        'success',
        request.body.cupos === 1
          ? `Te sumamos a la lista de espera (lugar ${position}). Si se libera un cupo te escribiremos y lo guardaremos para ti por ${config.waitlistHoldHours} horas.`
          : `Te sumamos a la lista de espera (lugar ${position}) por ${request.body.cupos} cupos. Cuando se liberen ${request.body.cupos} cupos te escribiremos y los guardaremos para ti por ${config.waitlistHoldHours} horas.`,
      );
    },
  );

  app.post(
    '/talleres/:id/lista-espera/salir/',
    { schema: { params: idParams }, onRequest: requireUserForWorkshop, config: backToWorkshop },
    async (request, reply) => {
      const workshopId = request.params.id;
      const customerId = request.user?.customerId;
      if (!customerId) throw new NotFoundError();
      await inTransaction(database, (trx) =>
        leaveWaitlist(
          trx,
          { workshopId, customerId, holdHours: config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(`/talleres/${workshopId}/`, 'info', 'Saliste de la lista de espera.');
    },
  );

  app.get(
    '/talleres/:id/lista-espera/aceptar/',
    { schema: { params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      const workshopId = request.params.id;
      const workshop = await findWorkshopSummary(database.db, workshopId);
      if (!workshop) throw new NotFoundError('Ese taller no existe.');
      const customerId = request.user?.customerId;
      const offerExpiresAt = customerId
        ? await findLiveOfferExpiry(database.db, { workshopId, customerId }, app.deps.clock())
        : undefined;
      const seats = customerId
        ? await findLiveOfferSeats(database.db, { workshopId, customerId }, app.deps.clock())
        : 1;
      // What taking the seat costs now: the early-bird price while it lasts, as enrolling charges.
      const { priceClp } = workshopPricing(workshop, app.deps.clock());
      return reply.page(AcceptOfferPage, {
        workshop: { ...workshop, priceClp },
        offerExpiresAt: offerExpiresAt ?? null,
        seats,
      });
    },
  );

  app.post(
    '/talleres/:id/lista-espera/aceptar/',
    {
      schema: { params: idParams, body: acceptForm },
      onRequest: requireUser,
      config: backToWorkshop,
    },
    async (request, reply) => {
      const workshopId = request.params.id;
      const ctx = serviceContext(request);
      const user = request.user!;
      const result = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return acceptWaitlistOffer(
          trx,
          { workshopId, customerId: customer.id, companionNames: companionNames(request.body) },
          ctx,
        );
      });
      return reply.flashRedirect(
        `/pago/${result.enrollmentId}/`,
        'success',
        `¡Listo! Tomaste el cupo que guardamos para ti en ${result.workshopName}. Ahora puedes proceder al pago.`,
      );
    },
  );
}
