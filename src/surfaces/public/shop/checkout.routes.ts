import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { listCartLines, summarizeCart } from '../../../domain/cart';
import { customerForUser } from '../../../domain/customers';
import { findAppliedCode } from '../../../domain/discounts';
import { GiftCardForGiftCardError, saleHasGiftCard } from '../../../domain/gift-cards';
import { offeredProviders, paySale } from '../../../domain/payments';
import {
  cancelSaleByUser,
  checkout,
  declineSalePayment,
  findDeliveryDefaults,
  findSaleFor,
  findSaleFulfilment,
  listSaleLines,
  salePaymentPath,
} from '../../../domain/sales';
import { listShippingRates, previewCheckout } from '../../../domain/shipping';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { form, type InvalidForm, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { text } from '../../../lib/fields';
import { checkoutForm } from './checkout.forms';
import { CheckoutPage } from './views/checkout.page';
import { SalePaymentPage } from './views/sale-payment.page';

const LOGIN_FIRST = 'Debes iniciar sesión o registrarte para completar la compra.';

/** The sale payment page's buttons: pay, a declined card, or cancel the order; anything else pays. */
const salePaymentForm = z.object({
  accion_pago: text().transform((v) => (v === 'fallar' || v === 'anular' ? v : 'pagar')),
});

export async function checkoutRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  const pickup = { address: config.centre.address, hours: config.centre.pickupHours };

  /** The checkout page: the form as the customer left it (`invalid`), or as their last delivery left it. */
  async function showCheckout(request: FastifyRequest, reply: FastifyReply, invalid?: InvalidForm) {
    const customerId = request.user?.customerId ?? null;
    const cart = summarizeCart(customerId ? await listCartLines(database.db, { customerId }) : []);
    if (cart.lines.length === 0 || cart.blockedReason) return reply.redirect('/carrito/', 303);
    const [rates, defaults] = await Promise.all([
      listShippingRates(database.db),
      customerId ? findDeliveryDefaults(database.db, customerId) : null,
    ]);
    const values = invalid?.values ?? {
      entrega: 'retiro',
      nombre_recibe: defaults?.recipient ?? '',
      telefono: defaults?.phone ?? '',
      direccion: defaults?.street ?? '',
      comuna: defaults?.comuna ?? '',
      region: defaults?.regionCode ?? '',
      indicaciones: defaults?.notes ?? '',
    };
    const preview = previewCheckout(
      cart.totalClp,
      { delivery: values.entrega === 'despacho', regionCode: values.region ?? '' },
      rates,
    );
    return reply.page(CheckoutPage, { cart, rates, pickup, preview, values, errors: invalid?.errors ?? {} });
  }

  app.get('/carrito/checkout/', async (request, reply) => {
    if (!request.user) return reply.flashRedirect('/login/?next=/carrito/checkout/', 'warning', LOGIN_FIRST);
    return showCheckout(request, reply);
  });

  app.post(
    '/carrito/checkout/',
    {
      ...form({ body: checkoutForm }, (request, reply, invalid) => showCheckout(request, reply, invalid), {
        errorRedirect: () => '/carrito/',
      }),
    },
    async (request, reply) => {
      if (!request.user) return reply.flashRedirect('/login/?next=/carrito/', 'warning', LOGIN_FIRST);
      const user = request.user;
      const ctx = serviceContext(request);
      const saleId = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return checkout(trx, customer.id, ctx, {
          expiryHours: config.orderExpiryHours,
          fulfilment: request.body,
        });
      });
      return reply.flashRedirect(
        salePaymentPath(saleId),
        'success',
        `Reservamos tus productos. Tienes ${plural(config.orderExpiryHours, 'hora', 'horas')} para pagar el pedido #${saleId}.`,
      );
    },
  );

  app.get(
    '/pago/venta/:id/',
    { schema: { params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const sale = await findSaleFor(database.db, request.params.id, ctx.actor);
      const lines = await listSaleLines(database.db, sale.id);
      const fulfilment = await findSaleFulfilment(database.db, sale.id);
      if (!fulfilment) throw new NotFoundError('Este pedido no existe.');
      const expired =
        sale.status === 'PENDIENTE' && !!sale.expiresAt && sale.expiresAt <= ctx.now.toISOString();
      const choice = await offeredProviders(database.db, app.deps.payments);
      const appliedCode = await findAppliedCode(database.db, { saleId: sale.id });
      const giftCardRefusal = (await saleHasGiftCard(database.db, sale.id))
        ? new GiftCardForGiftCardError().message
        : undefined;
      return reply.page(SalePaymentPage, {
        sale,
        lines,
        expired,
        choice,
        fulfilment,
        pickup,
        appliedCode,
        giftCardRefusal,
      });
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
