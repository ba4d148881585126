import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { applyEnrollmentDiscountCode } from '../../../domain/enrollments';
import { applySaleDiscountCode, salePaymentPath } from '../../../domain/sales';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { idParams } from '../../../http/routes';
import { text } from '../../../lib/fields';
import { formatClp } from '../../../lib/money';
import { isStaff } from '../../../ui/context';

// Any text: the order's owner is checked before the code (a stranger gets a 404 whatever they
// typed), and the discounts module answers a blank or unknown code in words.
const codeForm = z.object({ codigo: text() });

/** Back to the payment page the code was typed on, with the reason when it was refused. */
const backTo = (path: (id: number) => string) => ({
  errorRedirect: (request: FastifyRequest) => {
    const id = Number((request.params as { id?: string }).id);
    return Number.isInteger(id) && id > 0 ? path(id) : '/';
  },
});

/** "Aplicar" on the payment pages of enrollments and kit orders; the discount is computed here. */
export async function discountCodesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.post(
    '/pago/:id/codigo/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: codeForm },
      config: backTo((id) => `/pago/${id}/`),
    },
    async (request, reply) => {
      const user = request.user!;
      const result = await inTransaction(database, (trx) =>
        applyEnrollmentDiscountCode(
          trx,
          {
            enrollmentId: request.params.id,
            customerId: isStaff(user) ? null : (user.customerId ?? 0),
            code: request.body.codigo,
          },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `/pago/${request.params.id}/`,
        'success',
        result.amountDueClp === 0
          ? `Código aplicado: descuento de ${formatClp(result.discountClp)}. Tu inscripción quedó pagada.`
          : `Código aplicado: descuento de ${formatClp(result.discountClp)}. Ahora pagas ${formatClp(result.amountDueClp)}.`,
      );
    },
  );

  app.post(
    '/pago/venta/:id/codigo/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: codeForm },
      config: backTo(salePaymentPath),
    },
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        applySaleDiscountCode(
          trx,
          { saleId: request.params.id, code: request.body.codigo },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        salePaymentPath(request.params.id),
        'success',
        result.totalClp === 0
          ? `Código aplicado: descuento de ${formatClp(result.discountClp)}. Tu pedido quedó pagado.`
          : `Código aplicado: descuento de ${formatClp(result.discountClp)}. Ahora pagas ${formatClp(result.totalClp)}.`,
      );
    },
  );
}
