import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { attendancePolicy } from '../../../domain/attendance-policy';
import { findAppliedCode } from '../../../domain/discounts';
import {
  cancellationPolicy,
  findCreditPaymentOffer,
  findEnrollmentSummary,
  listActiveCompanions,
} from '../../../domain/enrollments';
import {
  offeredProviders,
  paySimulatedEnrollment,
  SimulatedPaymentDeclinedError,
} from '../../../domain/payments';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { isStaff } from '../../../ui/context';
import { simulatedPaymentForm } from './payments.forms';
import { PaymentPage } from './views/payment.page';

/** The enrollment, if this user may see it: its own customer or staff. Anyone else gets a 404. */
async function visibleEnrollment(request: FastifyRequest, id: number) {
  const enrollment = await findEnrollmentSummary(request.server.deps.database.db, id);
  const user = request.user;
  if (!enrollment || !user || (enrollment.customerId !== user.customerId && !isStaff(user)))
    throw new NotFoundError('No encontramos esa inscripción.');
  return enrollment;
}

/**
 * The payment page's data: the enrollment, the cancellation policy read before paying, the
 * providers staff offer, and the customer's pack credits that could pay it instead.
 */
async function paymentPage(request: FastifyRequest, id: number) {
  const enrollment = await visibleEnrollment(request, id);
  const policy = cancellationPolicy(
    {
      startsAt: enrollment.startsAt,
      cancellationCutoffHours: enrollment.cancellationCutoffHours,
      priceClp: enrollment.amountDueClp,
      attendance: await attendancePolicy(request.server.deps.database.db, enrollment.workshopId),
    },
    request.server.deps.clock(),
  );
  const choice = await offeredProviders(request.server.deps.database.db, request.server.deps.payments);
  const appliedCode = await findAppliedCode(request.server.deps.database.db, { enrollmentId: id });
  const creditOffer = await findCreditPaymentOffer(
    request.server.deps.database.db,
    enrollment,
    request.user?.customerId ?? null,
    request.server.deps.clock(),
  );
  const companions = await listActiveCompanions(request.server.deps.database.db, [id]);
  return { enrollment, policy, choice, appliedCode, creditOffer, companions };
}

export async function paymentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/pago/:id/', { onRequest: requireUser, schema: { params: idParams } }, async (request, reply) =>
    reply.page(PaymentPage, await paymentPage(request, request.params.id)),
  );

  // An already paid enrollment is a domain error the error handler flashes on this same page.
  app.post(
    '/pago/:id/',
    {
      onRequest: requireUser,
      ...form({ params: idParams, body: simulatedPaymentForm }, async (request, reply, invalid) =>
        reply.page(PaymentPage, {
          ...(await paymentPage(request, (request.params as { id: number }).id)),
          formError: invalid.errors.accion_pago,
        }),
      ),
    },
    async (request, reply) => {
      const enrollment = await visibleEnrollment(request, request.params.id);
      // A declined card changes nothing: no ledger row, no status change.
      if (request.body.accion_pago === 'fallar') throw new SimulatedPaymentDeclinedError();
      const result = await inTransaction(request.server.deps.database, (trx) =>
        paySimulatedEnrollment(trx, { enrollmentId: enrollment.id }, serviceContext(request)),
      );
      const here = `/pago/${enrollment.id}/`;
      if (result.outcome === 'duplicate')
        return reply.flashRedirect(here, 'info', 'Esta inscripción ya fue pagada.');
      return reply.flashRedirect(here, 'success', '¡Pago procesado con éxito! Tu cupo está 100% asegurado.');
    },
  );
}
