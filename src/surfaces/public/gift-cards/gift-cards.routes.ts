import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import {
  codeOfToken,
  findCardByTokenHash,
  GIFT_CARD_LIMITS,
  GIFT_CARD_VALIDITY_DAYS,
  hashCardToken,
} from '../../../domain/gift-cards';
import { payEnrollmentWithGiftCard, paySaleWithGiftCard } from '../../../domain/payments';
import { checkoutGiftCard, salePaymentPath } from '../../../domain/sales';
import { serviceContext } from '../../../http/context';
import { requireUser } from '../../../http/guards';
import { form, type InvalidForm, idParams, tokenParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { isStaff } from '../../../ui/context';
import { giftCardCodeForm, giftCardPurchaseForm } from './gift-cards.forms';
import { GiftCardPrintPage } from './views/gift-card-print.page';
import { GiftCardPurchasePage } from './views/gift-card-purchase.page';

/** Back to the payment page the code was typed on, with the reason when it was refused. */
const backTo = (path: (id: number) => string) => ({
  errorRedirect: (request: FastifyRequest) => {
    const id = Number((request.params as { id?: string }).id);
    return Number.isInteger(id) && id > 0 ? path(id) : '/';
  },
});

/**
 * Gift cards on the public site: buying one (its own order, paid on the order's payment page), its
 * printable page, and spending one on the payment pages of enrollments and orders.
 */
export async function giftCardsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  const showPurchase = (reply: FastifyReply, invalid?: InvalidForm) =>
    reply.page(GiftCardPurchasePage, {
      limits: GIFT_CARD_LIMITS,
      validityDays: GIFT_CARD_VALIDITY_DAYS,
      values: invalid?.values ?? {},
      errors: invalid?.errors ?? {},
    });

  app.get('/tarjetas-regalo/', async (_request, reply) => showPurchase(reply));

  app.post(
    '/tarjetas-regalo/',
    {
      onRequest: requireUser,
      ...form({ body: giftCardPurchaseForm }, (_request, reply, invalid) => showPurchase(reply, invalid), {
        errorRedirect: () => '/tarjetas-regalo/',
      }),
    },
    async (request, reply) => {
      const user = request.user!;
      const ctx = serviceContext(request);
      const saleId = await inTransaction(database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return checkoutGiftCard(
          trx,
          {
            customerId: customer.id,
            amountClp: request.body.monto,
            recipientName: request.body.nombre,
            recipientEmail: request.body.correo,
            message: request.body.mensaje,
          },
          ctx,
          { expiryHours: config.orderExpiryHours },
        );
      });
      return reply.flashRedirect(
        salePaymentPath(saleId),
        'success',
        `Tu tarjeta de regalo de ${formatClp(request.body.monto)} para ${request.body.nombre} está lista para pagar: se la enviaremos apenas se pague.`,
      );
    },
  );

  // The token is the card's only key: no login, no listing; an unknown token is a plain 404.
  app.get('/tarjetas-regalo/:token/', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    const card = /^[A-Za-z0-9_-]{20,40}$/.test(token)
      ? await findCardByTokenHash(database.db, hashCardToken(token))
      : undefined;
    if (!card) throw new NotFoundError('No encontramos esa tarjeta de regalo.');
    reply.header('cache-control', 'private, no-store');
    reply.header('x-robots-tag', 'noindex');
    return reply.page(GiftCardPrintPage, { card, code: codeOfToken(token) });
  });

  app.post(
    '/pago/:id/tarjeta-regalo/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: giftCardCodeForm },
      config: backTo((id) => `/pago/${id}/`),
    },
    async (request, reply) => {
      const user = request.user!;
      const result = await inTransaction(database, (trx) =>
        payEnrollmentWithGiftCard(
          trx,
          {
            enrollmentId: request.params.id,
            customerId: isStaff(user) ? null : (user.customerId ?? 0),
            code: request.body.codigo_tarjeta,
          },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `/pago/${request.params.id}/`,
        'success',
        result.balanceClp === 0
          ? `Tu tarjeta de regalo pagó ${formatClp(result.paidClp)}. Tu inscripción quedó pagada. Saldo de la tarjeta: ${formatClp(result.cardBalanceClp)}.`
          : `Tu tarjeta de regalo pagó ${formatClp(result.paidClp)}. Te falta pagar ${formatClp(result.balanceClp)}.`,
      );
    },
  );

  app.post(
    '/pago/venta/:id/tarjeta-regalo/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: giftCardCodeForm },
      config: backTo(salePaymentPath),
    },
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        paySaleWithGiftCard(
          trx,
          { saleId: request.params.id, code: request.body.codigo_tarjeta },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        salePaymentPath(request.params.id),
        'success',
        result.restClp === 0
          ? `Tu tarjeta de regalo pagó ${formatClp(result.paidClp)}. Tu pedido #${request.params.id} está pagado. Saldo de la tarjeta: ${formatClp(result.cardBalanceClp)}.`
          : `Tu tarjeta de regalo pagó ${formatClp(result.paidClp)}. Te falta pagar ${formatClp(result.restClp)}.`,
      );
    },
  );
}
