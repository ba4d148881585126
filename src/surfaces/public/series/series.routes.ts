import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ONLINE_PROVIDERS } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import { attemptPath, offeredProviders } from '../../../domain/payments';
import {
  bookSeries,
  paySeriesBookingSimulated,
  publicSeriesView,
  startSeriesBookingPayment,
  visibleBooking,
} from '../../../domain/series';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { isStaff } from '../../../ui/context';
import { SeriesPage } from './views/series.page';
import { SeriesBookingPage } from './views/series-booking.page';

/** An anonymous visitor who tries to book logs in and comes back to the series. */
async function requireUserToBook(request: FastifyRequest, reply: FastifyReply) {
  if (request.user) return;
  const back = request.url.split('?')[0] ?? '/talleres/';
  return reply.flashRedirect(
    `/login/?next=${encodeURIComponent(back)}`,
    'warning',
    'Debes iniciar sesión para reservar una serie.',
  );
}

const viewer = (request: FastifyRequest) => ({
  customerId: request.user?.customerId ?? null,
  isStaff: request.user ? isStaff(request.user) : false,
});

export async function seriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/series/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const view = await publicSeriesView(database.db, request.params.id, app.deps.clock());
    if (!view) throw new NotFoundError('Esa serie no existe.');
    return reply.page(SeriesPage, view);
  });

  // All or nothing: a full session or one already held is a domain error flashed on the series page.
  app.post(
    '/series/:id/',
    { onRequest: requireUserToBook, schema: { params: idParams } },
    async (request, reply) => {
      const user = request.user!;
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return bookSeries(trx, { seriesId: request.params.id, customerId: customer.id }, ctx);
      });
      return reply.flashRedirect(
        `/series/reservas/${result.bookingId}/`,
        'success',
        `¡Reserva exitosa! Tienes ${plural(result.sessions, 'sesión', 'sesiones')} de ${result.seriesName}. Ahora puedes pagarlas de una vez.`,
      );
    },
  );

  app.get(
    '/series/reservas/:id/',
    { onRequest: requireUser, schema: { params: idParams } },
    async (request, reply) => {
      const booking = await visibleBooking(database.db, request.params.id, viewer(request));
      const owedClp = booking.enrollments.reduce((sum, e) => sum + e.owedClp, 0);
      const choice = await offeredProviders(database.db, app.deps.payments);
      return reply.page(SeriesBookingPage, { booking, owedClp, choice });
    },
  );

  // The whole booking in one online payment; the provider the customer picked, or null (refused).
  app.post(
    '/series/reservas/:id/en-linea/',
    {
      onRequest: requireUser,
      schema: {
        params: idParams,
        body: z.object({ proveedor: z.enum(ONLINE_PROVIDERS).nullable().catch(null) }),
      },
      config: { errorRedirect: (r) => r.url.replace(/en-linea\/$/, '') },
    },
    async (request, reply) => {
      const attemptId = await startSeriesBookingPayment(
        { database, gateways: app.deps.payments },
        { bookingId: request.params.id, ...viewer(request), provider: request.body.proveedor },
        serviceContext(request),
      );
      return reply.redirect(`${attemptPath(attemptId)}ir/`, 303);
    },
  );

  app.post(
    '/series/reservas/:id/pagar/',
    {
      onRequest: requireUser,
      schema: { params: idParams },
      config: { errorRedirect: (r) => r.url.replace(/pagar\/$/, '') },
    },
    async (request, reply) => {
      const here = `/series/reservas/${request.params.id}/`;
      const result = await inTransaction(database, (trx) =>
        paySeriesBookingSimulated(
          trx,
          { bookingId: request.params.id, ...viewer(request) },
          serviceContext(request),
        ),
      );
      if (result.paid === 0) return reply.flashRedirect(here, 'info', 'Esta serie ya estaba pagada.');
      return reply.flashRedirect(
        here,
        'success',
        `¡Pago procesado con éxito! Pagaste ${formatClp(result.amountClp)} por ${plural(result.paid, 'sesión', 'sesiones')}.`,
      );
    },
  );
}
