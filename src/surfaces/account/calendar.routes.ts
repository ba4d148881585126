import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCalendarEnrollments } from '../../domain/enrollments';
import { findCalendarFeedCustomer, renewCalendarFeed, revokeCalendarFeed } from '../../domain/users';
import { requireUser } from '../../http/guards';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { enrollmentEventUid, icsFeed } from '../../lib/ics';
import { CalendarFeedPage } from './views/calendar-feed.page';

/** How far back the feed keeps past bookings (a calendar keeps what it already showed anyway). */
const FEED_PAST_DAYS = 60;

const feedParams = z.object({ feed: z.string().max(100) });

/**
 * A customer's bookings as a calendar they subscribe to (Google, Apple, Outlook): a secret address
 * made from the account page, shown once, replaced or switched off there. The feed answers without
 * a session (calendar apps have none): the secret is the key.
 */
export async function accountCalendarRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.post('/cuenta/calendario/', { onRequest: requireUser }, async (request, reply) => {
    const secret = await renewCalendarFeed(database.db, request.user!.id);
    const address = `${app.deps.config.publicUrl}/calendario/${secret}.ics`;
    return reply.page(CalendarFeedPage, { address });
  });

  app.post('/cuenta/calendario/desactivar/', { onRequest: requireUser }, async (request, reply) => {
    await revokeCalendarFeed(database.db, request.user!.id);
    return reply.flashRedirect(
      '/cuenta/perfil/',
      'success',
      'Desactivamos el enlace de tu calendario: ya no muestra tus talleres.',
    );
  });

  app.get('/calendario/:feed', { schema: { params: feedParams } }, async (request, reply) => {
    const secret = /^(.+)\.ics$/.exec(request.params.feed)?.[1];
    const customerId = secret ? await findCalendarFeedCustomer(database.db, secret) : undefined;
    if (!customerId) throw new NotFoundError('Este enlace de calendario no existe o fue desactivado.');
    const now = app.deps.clock();
    const { publicUrl } = app.deps.config;
    const rows = await listCalendarEnrollments(database.db, customerId, addHours(now, -24 * FEED_PAST_DAYS));
    const body = icsFeed(
      rows.map((row) => ({
        // The same uid as the confirmation e-mail's .ics: a calendar that has both shows one event.
        uid: enrollmentEventUid(row.id, publicUrl),
        name: row.name,
        startsAt: row.startsAt,
        durationMinutes: row.durationMinutes,
        modality: row.modality,
        location: row.location,
        onlineUrl: row.onlineUrl,
        url: `${publicUrl}/talleres/${row.workshopId}/`,
        cancelled: row.status === 'ANULADO' || row.workshopCancelledAt !== null,
      })),
      { now, name: 'Mis talleres TMM', reminders: true },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(body);
  });
}
