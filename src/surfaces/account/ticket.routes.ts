import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { certificateDocument, findCertificateInForce } from '../../domain/certificates';
import { describeTicket, findTicketDetails } from '../../domain/enrollments';
import { ticketImagePath, ticketToken } from '../../domain/tickets';
import { requireUser } from '../../http/guards';
import { idParams } from '../../http/routes';
import { NotFoundError } from '../../lib/errors';
import { AccountTicketPage } from './views/ticket.page';

/**
 * "Mi entrada" and the certificate of attendance (PDF) of one of the customer's enrollments;
 * another customer's is a 404.
 */
export async function accountTicketRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get(
    '/cuenta/inscripciones/:id/entrada/',
    { schema: { params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      const ticket = await findTicketDetails(db(), request.params.id);
      if (!ticket || ticket.customerId !== request.user?.customerId)
        throw new NotFoundError('No encontramos esa inscripción.');
      const token = await ticketToken(db(), ticket.id);
      reply.header('cache-control', 'private, no-store');
      return reply.page(AccountTicketPage, { ticket: describeTicket(ticket, ticketImagePath(token)) });
    },
  );

  app.get(
    '/cuenta/inscripciones/:id/certificado.pdf',
    { schema: { params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      const ticket = await findTicketDetails(db(), request.params.id);
      const certificate =
        ticket && ticket.customerId === request.user?.customerId
          ? await findCertificateInForce(db(), ticket.id)
          : undefined;
      if (!certificate) throw new NotFoundError('Esta inscripción no tiene un certificado de asistencia.');
      const pdf = await certificateDocument(certificate, app.deps.config.publicUrl);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="certificado-de-asistencia.pdf"')
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
