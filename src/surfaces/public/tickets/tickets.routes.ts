import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeTicket, findTicketDetails } from '../../../domain/enrollments';
import { enrollmentOfTicket, ticketImagePath, ticketPath } from '../../../domain/tickets';
import { tokenParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { qrPng } from '../../../lib/qr';
import { TicketPage } from './views/ticket.page';

const UNKNOWN = 'Esta entrada no existe. Revisa el enlace de tu correo o entra a tu cuenta.';

/**
 * Public: a ticket by its address (`/entradas/<token>/`) and its QR code image. The token is the
 * key, like a private link: whoever holds it sees the ticket; nobody can make one for another
 * enrollment.
 */
export async function ticketPublicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  const enrollmentFor = async (token: string) => {
    const enrollmentId = await enrollmentOfTicket(db(), token);
    if (enrollmentId === null) throw new NotFoundError(UNKNOWN);
    return enrollmentId;
  };

  app.get('/entradas/:token/', { schema: { params: tokenParams } }, async (request, reply) => {
    const ticket = await findTicketDetails(db(), await enrollmentFor(request.params.token));
    if (!ticket) throw new NotFoundError(UNKNOWN);
    reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
    return reply.page(TicketPage, { ticket: describeTicket(ticket, ticketImagePath(request.params.token)) });
  });

  app.get('/entradas/:token/qr.png', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    await enrollmentFor(token);
    const png = await qrPng(`${app.deps.config.publicUrl}${ticketPath(token)}`, 480);
    return (
      reply
        .type('image/png')
        .header('cache-control', 'private, max-age=86400')
        // Webmail shows the image from its own origin: the site-wide same-origin policy would hide it.
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(png)
    );
  });
}
