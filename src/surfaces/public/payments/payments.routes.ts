import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { findEnrollmentSummary } from '../../../domain/enrollments';
import {
  AlreadyPaidError,
  recordEnrollmentPayment,
  SimulatedPaymentDeclinedError,
} from '../../../domain/payments';
import { serviceContext } from '../../../http/context';
import { parseForm } from '../../../http/forms';
import { requireUser } from '../../../http/guards';
import { routeId } from '../../../http/params';
import { NotFoundError } from '../../../lib/errors';
import { isStaff } from '../../../ui/context';
import { simulatedPaymentForm } from './payments.forms';
import { PaymentPage } from './views/payment.page';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** The enrollment, if this user may see it: its own customer or staff. Anyone else gets a 404. */
async function visibleEnrollment(request: IdRequest) {
  const enrollment = await findEnrollmentSummary(request.server.deps.database.db, routeId(request.params.id));
  const user = request.user;
  if (!enrollment || !user || (enrollment.customerId !== user.customerId && !isStaff(user)))
    throw new NotFoundError('No encontramos esa inscripción.');
  return enrollment;
}

export async function paymentsRoutes(app: FastifyInstance) {
  app.get('/pago/:id/', { onRequest: requireUser }, async (request: IdRequest, reply) =>
    reply.page(PaymentPage, { enrollment: await visibleEnrollment(request) }),
  );

  app.post('/pago/:id/', { onRequest: requireUser }, async (request: IdRequest, reply) => {
    const enrollment = await visibleEnrollment(request);
    const here = `/pago/${enrollment.id}/`;
    const form = parseForm(simulatedPaymentForm, request.body);
    if (!form.ok) return reply.page(PaymentPage, { enrollment, formError: form.errors.accion_pago }, 422);
    // A declined card changes nothing: no ledger row, no status change.
    if (form.data.accion_pago === 'fallar') throw new SimulatedPaymentDeclinedError();
    try {
      const result = await inTransaction(app.deps.database, (trx) =>
        recordEnrollmentPayment(
          trx,
          { enrollmentId: enrollment.id, method: 'simulado' },
          serviceContext(request),
        ),
      );
      if (result.outcome === 'duplicate')
        return reply.flashRedirect(here, 'info', 'Esta inscripción ya fue pagada.');
      return reply.flashRedirect(here, 'success', '¡Pago procesado con éxito! Tu cupo está 100% asegurado.');
    } catch (error) {
      if (error instanceof AlreadyPaidError) return reply.flashRedirect(here, 'info', error.message);
      throw error;
    }
  });
}
