import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import { cancelEnrollment, enrollCustomer } from '../../../domain/enrollments';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { enrollForm } from './enrollments.forms';
import { renderWorkshopDetail } from './workshop-page';

const PAY_WITH = { dinero: 'money', bono: 'pack_credit', empresa: 'company_seat' } as const;

/** An anonymous visitor who tries to enroll logs in and comes back to the workshop. */
async function requireUserToEnroll(request: FastifyRequest, reply: FastifyReply) {
  if (request.user) return;
  const back = request.url.split('?')[0] ?? '/talleres/';
  return reply.flashRedirect(
    `/login/?next=${encodeURIComponent(back)}`,
    'warning',
    'Debes iniciar sesión para inscribirte en un taller.',
  );
}

export async function enrollmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  // Enroll from the workshop page (the old URL: the form posts to the page itself). A full
  // workshop, a duplicate or a closed one is a domain error the error handler flashes back here.
  app.post(
    '/talleres/:id/',
    {
      onRequest: requireUserToEnroll,
      ...form({ params: idParams, body: enrollForm }, (request, reply, invalid) =>
        renderWorkshopDetail(request, reply, (request.params as { id: number }).id, invalid),
      ),
    },
    async (request, reply) => {
      const user = request.user!;
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return enrollCustomer(
          trx,
          {
            workshopId: request.params.id,
            customerId: customer.id,
            phone: request.body.telefono,
            payWith: PAY_WITH[request.body.pago ?? 'dinero'],
          },
          ctx,
        );
      });
      if (request.body.pago)
        return reply.flashRedirect(
          `/pago/${result.enrollmentId}/`,
          'success',
          request.body.pago === 'bono'
            ? `¡Inscripción confirmada en ${result.workshopName}! Usaste 1 crédito de tu bono: no tienes nada que pagar.`
            : `¡Inscripción confirmada en ${result.workshopName}! Usaste un cupo de tu empresa: no tienes nada que pagar.`,
        );
      return reply.flashRedirect(
        `/pago/${result.enrollmentId}/`,
        'success',
        `¡Inscripción exitosa! Cupo reservado para ${result.workshopName}. Ahora puedes proceder al pago.`,
      );
    },
  );

  app.post(
    '/cuenta/inscripciones/:id/anular/',
    {
      onRequest: requireUser,
      schema: { params: idParams },
      config: { errorRedirect: () => '/cuenta/perfil/' },
    },
    async (request, reply) => {
      const customerId = request.user?.customerId;
      if (!customerId) throw new NotFoundError('No encontramos esa inscripción.');
      const result = await inTransaction(database, (trx) =>
        cancelEnrollment(
          trx,
          { enrollmentId: request.params.id, customerId, waitlistHoldHours: config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      const refund =
        result.refundDueClp > 0
          ? ` Te devolveremos ${formatClp(result.refundDueClp)}; te contactaremos para coordinarlo.`
          : '';
      const credit = result.credit === 'returned' ? ' Te devolvimos el crédito: lo ves en «Mis bonos».' : '';
      return reply.flashRedirect(
        '/cuenta/perfil/',
        'success',
        `Anulaste tu inscripción en ${result.workshopName}. Liberamos tu cupo.${refund}${credit}`,
      );
    },
  );
}
