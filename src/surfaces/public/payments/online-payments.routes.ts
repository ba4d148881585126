import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ONLINE_PROVIDERS } from '../../../db/schema';
import { findEnrollmentSummary } from '../../../domain/enrollments';
import {
  attemptPath,
  confirmMercadoPagoReturn,
  confirmWebpayReturn,
  describeAttempt,
  findAttemptForCustomer,
  handleMercadoPagoWebhook,
  PROVIDER_PATHS,
  ProviderUnavailableError,
  redirectFor,
  startOnlinePayment,
} from '../../../domain/payments';
import { salePaymentPath } from '../../../domain/sales';
import { findBookingOfEnrollment } from '../../../domain/series';
import { serviceContext } from '../../../http/context';
import { allowFormTarget } from '../../../http/form-target';
import { requireUser } from '../../../http/guards';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { text } from '../../../lib/fields';
import { isStaff } from '../../../ui/context';
import { PaymentRedirectPage } from './views/payment-redirect.page';
import { PaymentResultPage } from './views/payment-result.page';

/**
 * The provider the customer picked on a payment page. Anything else reaches the service as null,
 * which refuses it after checking the order is theirs (a stranger gets the 404 first).
 */
const providerForm = z.object({
  proveedor: z.enum(ONLINE_PROVIDERS).nullable().catch(null),
});

/** One value of a provider's return, from the query string or the posted form; absent → null. */
const field = text().transform((v) => (v === '' ? null : v.slice(0, 200)));

/** What Webpay sends back to return_url (by GET or POST): see confirmWebpayReturn. */
const webpayReturn = z.object({
  token_ws: field,
  TBK_TOKEN: field,
  TBK_ORDEN_COMPRA: field,
  TBK_ID_SESION: field,
});

/** Mercado Pago's back_urls query: hints only, never proof of payment. */
const mercadoPagoReturn = z.object({
  payment_id: field,
  collection_id: field,
  external_reference: field,
  preference_id: field,
});

const webhookQuery = z.object({ 'data.id': field, type: field, topic: field });

/**
 * Paying with Webpay or Mercado Pago: the customer's choice on /pago/<id>/ and /pago/venta/<id>/,
 * the step to the provider, the result page, and the provider's return and webhook endpoints
 * (protected by what the provider sends, not by the browser: `providerCallback`).
 */
export async function onlinePaymentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ database: app.deps.database, gateways: app.deps.payments });

  /** The enrollment, if this user may pay it: its own customer or staff. Anyone else gets a 404. */
  const visibleEnrollmentId = async (request: FastifyRequest, id: number) => {
    const enrollment = await findEnrollmentSummary(app.deps.database.db, id);
    const user = request.user;
    if (!enrollment || !user || (enrollment.customerId !== user.customerId && !isStaff(user)))
      throw new NotFoundError('No encontramos esa inscripción.');
    return enrollment.id;
  };

  app.post(
    '/pago/:id/en-linea/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: providerForm },
      config: { errorRedirect: (r: FastifyRequest) => `/pago/${(r.params as { id: string }).id}/` },
    },
    async (request, reply) => {
      const enrollmentId = await visibleEnrollmentId(request, request.params.id);
      const attemptId = await startOnlinePayment(
        deps(),
        { purpose: 'enrollment', orderId: enrollmentId, provider: request.body.proveedor },
        serviceContext(request),
      );
      return reply.redirect(`${attemptPath(attemptId)}ir/`, 303);
    },
  );

  app.post(
    '/pago/venta/:id/en-linea/',
    {
      onRequest: requireUser,
      schema: { params: idParams, body: providerForm },
      config: { errorRedirect: (r: FastifyRequest) => `/pago/venta/${(r.params as { id: string }).id}/` },
    },
    async (request, reply) => {
      // startOnlinePayment checks, as every sale service does, that the order is this user's.
      const attemptId = await startOnlinePayment(
        deps(),
        { purpose: 'sale', orderId: request.params.id, provider: request.body.proveedor },
        serviceContext(request),
      );
      return reply.redirect(`${attemptPath(attemptId)}ir/`, 303);
    },
  );

  app.get(
    '/pago/en-linea/:id/ir/',
    { onRequest: requireUser, schema: { params: idParams } },
    async (request, reply) => {
      const { attempt } = await findAttemptForCustomer(
        app.deps.database.db,
        request.params.id,
        serviceContext(request).actor,
      );
      const redirect = redirectFor(attempt);
      // Opened once: a second visit (the back button) shows where the attempt stands instead.
      if (attempt.state !== 'redirected' || !redirect) return reply.redirect(attemptPath(attempt.id), 303);
      if (redirect.method === 'POST') allowFormTarget(reply, redirect.url);
      reply.header('cache-control', 'no-store');
      return reply.page(PaymentRedirectPage, {
        provider: attempt.provider,
        amountClp: attempt.amountClp,
        redirect,
      });
    },
  );

  app.get(
    '/pago/en-linea/:id/',
    { onRequest: requireUser, schema: { params: idParams } },
    async (request, reply) => {
      const { attempt, order, receipt, outcome } = await findAttemptForCustomer(
        app.deps.database.db,
        request.params.id,
        serviceContext(request).actor,
      );
      // A payment of several enrollments (a whole series) leads back to its booking.
      const bookingId =
        attempt.description !== null && attempt.enrollmentId !== null
          ? await findBookingOfEnrollment(app.deps.database.db, attempt.enrollmentId)
          : null;
      reply.header('cache-control', 'no-store');
      return reply.page(PaymentResultPage, {
        attempt,
        outcome,
        receipt,
        subject: describeAttempt(attempt, order),
        orderPath:
          bookingId !== null
            ? `/series/reservas/${bookingId}/`
            : attempt.purpose === 'enrollment'
              ? `/pago/${attempt.enrollmentId}/`
              : salePaymentPath(attempt.saleId!),
      });
    },
  );

  // Webpay returns by GET (paid or declined, API 1.1 and later) or POST (cancelled at the form, and
  // integration environments); both carry the same fields.
  const webpayBack = async (request: FastifyRequest, fields: z.infer<typeof webpayReturn>) => {
    const attemptId = await confirmWebpayReturn(
      deps(),
      {
        tokenWs: fields.token_ws,
        tbkToken: fields.TBK_TOKEN,
        tbkOrder: fields.TBK_ORDEN_COMPRA,
        tbkSession: fields.TBK_ID_SESION,
      },
      serviceContext(request),
    );
    return attemptPath(attemptId);
  };
  app.get(PROVIDER_PATHS.webpayReturn, { schema: { querystring: webpayReturn } }, async (request, reply) =>
    reply.redirect(await webpayBack(request, request.query), 303),
  );
  app.post(
    PROVIDER_PATHS.webpayReturn,
    { schema: { body: webpayReturn }, config: { providerCallback: true } },
    async (request, reply) => reply.redirect(await webpayBack(request, request.body), 303),
  );

  app.get(
    PROVIDER_PATHS.mercadoPagoReturn,
    { schema: { querystring: mercadoPagoReturn } },
    async (request, reply) => {
      const q = request.query;
      const attemptId = await confirmMercadoPagoReturn(
        deps(),
        {
          paymentId: q.payment_id ?? q.collection_id,
          externalReference: q.external_reference,
          preferenceId: q.preference_id,
        },
        serviceContext(request),
      );
      return reply.redirect(attemptPath(attemptId), 303);
    },
  );

  app.post(
    PROVIDER_PATHS.mercadoPagoWebhook,
    { schema: { querystring: webhookQuery }, config: { providerCallback: true } },
    async (request, reply) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const body = (request.body ?? {}) as { type?: unknown; data?: { id?: unknown } };
      let outcome: Awaited<ReturnType<typeof handleMercadoPagoWebhook>>;
      try {
        outcome = await handleMercadoPagoWebhook(
          deps(),
          {
            signature: header('x-signature'),
            requestId: header('x-request-id'),
            // The signature covers the query's data.id; the body only helps with the type.
            dataId: request.query['data.id'],
            type:
              request.query.type ?? request.query.topic ?? (typeof body.type === 'string' ? body.type : null),
          },
          serviceContext(request),
        );
      } catch (error) {
        // Mercado Pago sends a webhook again until it gets a 2xx: a provider that did not answer our
        // question about the payment is a reason to be asked again.
        if (!(error instanceof ProviderUnavailableError)) throw error;
        return reply.code(503).send({ error: 'proveedor no disponible' });
      }
      if (outcome === 'unauthorized') return reply.code(401).send({ error: 'firma inválida' });
      return reply.code(200).send({ ok: true, outcome });
    },
  );
}
