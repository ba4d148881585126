import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import { offeredProviders, paySale } from '../../../domain/payments';
import {
  cancelSaleByUser,
  checkout,
  declineSalePayment,
  findSaleFor,
  listSaleLines,
  salePaymentPath,
} from '../../../domain/sales';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { idParams } from '../../../http/routes';
import { text } from '../../../lib/fields';
import { SalePaymentPage } from './views/sale-payment.page';

/** The sale payment page's buttons: pay, a declined card, or cancel the order; anything else pays. */
const salePaymentForm = z.object({
  accion_pago: text().transform((v) => (v === 'fallar' || v === 'anular' ? v : 'pagar')),
});

export async function checkoutRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  app.post('/carrito/checkout/', { config: { errorRedirect: () => '/carrito/' } }, async (request, reply) => {
    if (!request.user)
      return reply.flashRedirect(
        '/login/?next=/carrito/',
        'warning',
        'Debes iniciar sesión o registrarte para completar la compra.',
      );
    const user = request.user;
    const ctx = serviceContext(request);
    const saleId = await inTransaction(database, async (trx) => {
      const customer = await customerForUser(trx, user.id, ctx);
      return checkout(trx, customer.id, ctx, { expiryHours: config.orderExpiryHours });
    });
    return reply.flashRedirect(
      salePaymentPath(saleId),
      'success',
      `Reservamos tus productos. Tienes ${plural(config.orderExpiryHours, 'hora', 'horas')} para pagar el pedido #${saleId}.`,
    );
  });

  app.get(
    '/pago/venta/:id/',
    { schema: { params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const sale = await findSaleFor(database.db, request.params.id, ctx.actor);
      const lines = await listSaleLines(database.db, sale.id);
      const expired =
        sale.status === 'PENDIENTE' && !!sale.expiresAt && sale.expiresAt <= ctx.now.toISOString();
      const choice = await offeredProviders(database.db, app.deps.payments);
      return reply.page(SalePaymentPage, { sale, lines, expired, choice });
    },
  );

  app.post(
    '/pago/venta/:id/',
    { schema: { params: idParams, body: salePaymentForm }, onRequest: requireUser },
    async (request, reply) => {
      const saleId = request.params.id;
      const action = request.body.accion_pago;
      const ctx = serviceContext(request);
      const path = salePaymentPath(saleId);
      if (action === 'fallar') return inTransaction(database, (trx) => declineSalePayment(trx, saleId, ctx));
      if (action === 'anular') {
        await inTransaction(database, (trx) => cancelSaleByUser(trx, saleId, ctx));
        return reply.flashRedirect(
          path,
          'info',
          `Anulaste el pedido #${saleId}. Los productos volvieron a la tienda.`,
        );
      }
      const outcome = await inTransaction(database, (trx) => paySale(trx, saleId, ctx));
      if (outcome === 'already_paid') return reply.flashRedirect(path, 'info', 'Este pedido ya fue pagado.');
      return reply.flashRedirect(
        path,
        'success',
        `¡Pago procesado con éxito! Tu pedido #${saleId} está pagado; te enviamos el comprobante por correo.`,
      );
    },
  );
}
