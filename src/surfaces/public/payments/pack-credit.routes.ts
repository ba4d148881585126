import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { payEnrollmentWithCredit } from '../../../domain/enrollments';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { idParams } from '../../../http/routes';

/**
 * "Pagar con 1 crédito" on the payment page of an unpaid enrollment. Only its own customer may
 * spend their credit (anyone else, staff included, gets a 404); a refusal is flashed on the page.
 */
export async function packCreditPaymentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/pago/:id/credito/',
    {
      onRequest: requireUser,
      schema: { params: idParams },
      config: {
        errorRedirect: (request) => {
          const id = Number((request.params as { id?: unknown }).id);
          return Number.isInteger(id) && id > 0 ? `/pago/${id}/` : '/';
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const { workshopName, credits } = await inTransaction(request.server.deps.database, (trx) =>
        payEnrollmentWithCredit(
          trx,
          { enrollmentId: id, customerId: request.user?.customerId ?? 0 },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `/pago/${id}/`,
        'success',
        `¡Listo! Pagaste tu inscripción en ${workshopName} con ${plural(credits, 'crédito', 'créditos')} de tu bono: tu cupo está asegurado.`,
      );
    },
  );
}
