import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findDebtor } from '../../../domain/enrollments';
import { listWorkshopOptions } from '../../../domain/workshops';
import { safeLocalPath } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { formToken, registerStaffRefund, renderInvalidStaffPayment } from '../workshops/staff-payment';
import { StaffPaymentPage } from '../workshops/views/staff-payment.page';
import { paymentForm } from '../workshops/workshops-admin.forms';
import { REFUND_LIST } from './refunds.list';
import { RefundsPage } from './views/refunds.page';

const LIST = REFUND_LIST.path;
const BACK = { href: LIST, label: 'Devoluciones' };

/** Back into the refunds list as it was (filter, page) after recording a refund from a row. */
function backTo(request: FastifyRequest): string {
  const path = safeLocalPath(request.formValues?.volver);
  return path?.startsWith(LIST) ? path : LIST;
}

/** Refunds owed (/gestion/devoluciones/): the list, and recording a refund from it. */
export async function refundsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/devoluciones/', (request, reply) =>
    serveList(REFUND_LIST, request, reply, async (data) =>
      reply.page(RefundsPage, { ...data, workshops: await listWorkshopOptions(database.db) }),
    ),
  );

  // The full form: another amount, the method and a reference (the transfer number).
  app.get('/devoluciones/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const enrollment = await findDebtor(database.db, request.params.id);
    if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
    return reply.page(StaffPaymentPage, {
      enrollment,
      mode: 'refund' as const,
      action: `${LIST}${enrollment.id}/`,
      back: BACK,
      token: formToken(),
    });
  });

  app.post(
    '/devoluciones/:id/',
    form(
      { params: idParams, body: paymentForm },
      (request, reply, invalid) =>
        renderInvalidStaffPayment(
          request,
          reply,
          {
            enrollmentId: request.params.id,
            mode: 'refund',
            action: `${LIST}${request.params.id}/`,
            back: BACK,
          },
          invalid,
        ),
      { errorRedirect: backTo },
    ),
    async (request, reply) => {
      const outcome = await registerStaffRefund(database, request, request.params.id, request.body);
      return reply.flashRedirect(backTo(request), outcome.kind, outcome.text);
    },
  );
}
