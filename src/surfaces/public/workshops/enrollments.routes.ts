import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import { cancelCompanion, cancelEnrollment, enrollCustomer } from '../../../domain/enrollments';
import { returnGiftCardMoneyOfEnrollment } from '../../../domain/payments';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { form, id, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { companionNames } from '../../../lib/fields';
import { formatClp } from '../../../lib/money';
import { enrollForm } from './enrollments.forms';
import { renderWorkshopDetail } from './workshop-page';

const companionParams = z.object({ id, companionId: id });

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

/**
 * What happens to the money of a cancelled booking: what a gift card paid is already back on it
 * (returned in the cancelling transaction); the rest staff give back.
 */
function refundSentence(refundDueClp: number, toCardClp: number): string {
  const card = toCardClp > 0 ? ` Devolvimos ${formatClp(toCardClp)} a tu tarjeta de regalo.` : '';
  const owed = refundDueClp - toCardClp;
  const rest = owed > 0 ? ` Te devolveremos ${formatClp(owed)}; te contactaremos para coordinarlo.` : '';
  return `${card}${rest}`;
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
            seats: request.body.cupos,
            companionNames: companionNames(request.body),
          },
          ctx,
        );
      });
      if (request.body.pago)
        return reply.flashRedirect(
          `/pago/${result.enrollmentId}/`,
          'success',
          request.body.pago === 'bono'
            ? `¡Inscripción confirmada en ${result.workshopName}! Usaste ${request.body.cupos === 1 ? '1 crédito' : `${request.body.cupos} créditos`} de tu bono: no tienes nada que pagar.`
            : `¡Inscripción confirmada en ${result.workshopName}! Usaste ${request.body.cupos === 1 ? 'un cupo' : `${request.body.cupos} cupos`} de tu empresa: no tienes nada que pagar.`,
        );
      return reply.flashRedirect(
        `/pago/${result.enrollmentId}/`,
        'success',
        request.body.cupos === 1
          ? `¡Inscripción exitosa! Cupo reservado para ${result.workshopName}. Ahora puedes proceder al pago.`
          : `¡Inscripción exitosa! ${request.body.cupos} cupos reservados para ${result.workshopName}. Ahora puedes proceder al pago.`,
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
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const cancelled = await cancelEnrollment(
          trx,
          { enrollmentId: request.params.id, customerId, waitlistHoldHours: config.waitlistHoldHours },
          ctx,
        );
        return {
          ...cancelled,
          toCardClp: await returnGiftCardMoneyOfEnrollment(trx, request.params.id, ctx),
        };
      });
      const refund = refundSentence(result.refundDueClp, result.toCardClp);
      const credit = result.credit === 'returned' ? ' Te devolvimos el crédito: lo ves en «Mis bonos».' : '';
      return reply.flashRedirect(
        '/cuenta/perfil/',
        'success',
        `Anulaste tu inscripción en ${result.workshopName}. Liberamos tu cupo.${refund}${credit}`,
      );
    },
  );

  app.post(
    '/cuenta/inscripciones/:id/acompanantes/:companionId/anular/',
    {
      onRequest: requireUser,
      schema: { params: companionParams },
      config: { errorRedirect: (request) => `/pago/${(request.params as { id: number }).id}/` },
    },
    async (request, reply) => {
      const customerId = request.user?.customerId;
      if (!customerId) throw new NotFoundError('No encontramos esa inscripción.');
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const cancelled = await cancelCompanion(
          trx,
          {
            enrollmentId: request.params.id,
            companionId: request.params.companionId,
            customerId,
            waitlistHoldHours: config.waitlistHoldHours,
          },
          ctx,
        );
        return {
          ...cancelled,
          toCardClp: await returnGiftCardMoneyOfEnrollment(trx, request.params.id, ctx),
        };
      });
      const refund = refundSentence(result.refundDueClp, result.toCardClp);
      const credit = result.creditReturned ? ' Te devolvimos 1 crédito: lo ves en «Mis bonos».' : '';
      return reply.flashRedirect(
        `/pago/${request.params.id}/`,
        'success',
        `Liberamos el cupo de tu acompañante en ${result.workshopName}.${refund}${credit}`,
      );
    },
  );
}
