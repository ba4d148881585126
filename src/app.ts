import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import qs from 'node:querystring';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/database';
import { createPaymentGateways, type PaymentGateways } from './domain/payments';
import { plural } from './domain/vocabulary';
import { registerErrorHandling } from './http/errors';
import { loadCurrentUser, requireCheckIn } from './http/guards';
import { registerInputCleaning } from './http/input';
import { registerPageCache, registerUncachedReads } from './http/page-cache';
import { flashRedirectDecorator, flashRequest, pageDecorator } from './http/render';
import { registerSecurity, registerTransportSecurity } from './http/security';
import { DatabaseSessionStore } from './http/session-store';
import { facilitatorArea, staffArea } from './http/staff-area';
import { accountRoutes } from './surfaces/account/account.routes';
import { accountCalendarRoutes } from './surfaces/account/calendar.routes';
import { accountGiftCardsRoutes } from './surfaces/account/gift-cards.routes';
import { accountPacksRoutes } from './surfaces/account/packs.routes';
import { accountTicketRoutes } from './surfaces/account/ticket.routes';
import { apiRoutes } from './surfaces/api/api.plugin';
import { authRoutes } from './surfaces/public/auth/auth.routes';
import { certificatePublicRoutes } from './surfaces/public/certificates/certificates.routes';
import { discountCodesRoutes } from './surfaces/public/discounts/discount-codes.routes';
import { emailPublicRoutes } from './surfaces/public/email/unsubscribe.routes';
import { giftCardsRoutes } from './surfaces/public/gift-cards/gift-cards.routes';
import { healthRoutes } from './surfaces/public/health/health.routes';
import { homeRoutes } from './surfaces/public/home/home.routes';
import { legalRoutes } from './surfaces/public/legal/legal.routes';
import { mediaRoutes } from './surfaces/public/media/media.routes';
import { onlinePaymentsRoutes } from './surfaces/public/payments/online-payments.routes';
import { packCreditPaymentRoutes } from './surfaces/public/payments/pack-credit.routes';
import { paymentsRoutes } from './surfaces/public/payments/payments.routes';
import { seriesRoutes } from './surfaces/public/series/series.routes';
import { cartRoutes } from './surfaces/public/shop/cart.routes';
import { checkoutRoutes } from './surfaces/public/shop/checkout.routes';
import { productRoutes } from './surfaces/public/shop/products.routes';
import { ticketPublicRoutes } from './surfaces/public/tickets/tickets.routes';
import { waitlistRoutes } from './surfaces/public/waitlist/waitlist.routes';
import { widgetRoutes } from './surfaces/public/widget/widget.routes';
import { enrollmentsRoutes } from './surfaces/public/workshops/enrollments.routes';
import { workshopsRoutes } from './surfaces/public/workshops/workshops.routes';
import { apiKeysStaffRoutes } from './surfaces/staff/api-keys/api-keys.routes';
import { attendancePolicyStaffRoutes } from './surfaces/staff/attendance-policy/attendance-policy.routes';
import { auditStaffRoutes } from './surfaces/staff/audit/audit.routes';
import { certificatesStaffRoutes } from './surfaces/staff/certificates/certificates.routes';
import { checkinPublicRoutes, checkinStaffRoutes } from './surfaces/staff/checkin/checkin.routes';
import { companiesStaffRoutes } from './surfaces/staff/companies/companies.routes';
import { customersStaffRoutes } from './surfaces/staff/customers/customers.routes';
import { backofficeStaffRoutes } from './surfaces/staff/dashboard/dashboard.routes';
import { debtorsStaffRoutes } from './surfaces/staff/debtors/debtors.routes';
import { discountCodesStaffRoutes } from './surfaces/staff/discounts/discount-codes.routes';
import { earlyBirdStaffRoutes } from './surfaces/staff/early-bird/early-bird.routes';
import { emailComposeStaffRoutes } from './surfaces/staff/email-compose/email-compose.routes';
import { emailStaffRoutes } from './surfaces/staff/emails/email.routes';
import { enrollmentsAdminRoutes } from './surfaces/staff/enrollments/enrollments-admin.routes';
import { facilitatorsStaffRoutes } from './surfaces/staff/facilitators/facilitators.routes';
import { giftCardsStaffRoutes } from './surfaces/staff/gift-cards/gift-cards.routes';
import { importsStaffRoutes } from './surfaces/staff/imports/imports.routes';
import { interestsStaffRoutes } from './surfaces/staff/interests/interests.routes';
import { locationsStaffRoutes } from './surfaces/staff/locations/locations.routes';
import { mediaStaffRoutes } from './surfaces/staff/media/media.routes';
import { mySessionsRoutes } from './surfaces/staff/my-sessions/my-sessions.routes';
import { onlinePaymentsStaffRoutes } from './surfaces/staff/online-payments/online-payments.routes';
import { packsStaffRoutes } from './surfaces/staff/packs/packs.routes';
import { paymentsAdminRoutes } from './surfaces/staff/payments/payments-admin.routes';
import { payrollStaffRoutes } from './surfaces/staff/payroll/payroll.routes';
import { productStaffRoutes } from './surfaces/staff/products/low-stock.routes';
import { productsAdminRoutes } from './surfaces/staff/products/products-admin.routes';
import { refundsStaffRoutes } from './surfaces/staff/refunds/refunds.routes';
import { attendanceReportStaffRoutes } from './surfaces/staff/reports/attendance-report.routes';
import { reportsPublicRoutes, reportsStaffRoutes } from './surfaces/staff/reports/reports.routes';
import { saleFulfilmentRoutes } from './surfaces/staff/sales/fulfilment.routes';
import { salesAdminRoutes } from './surfaces/staff/sales/sales-admin.routes';
import { seriesStaffRoutes } from './surfaces/staff/series/series.routes';
import { shippingRatesRoutes } from './surfaces/staff/shipping/shipping-rates.routes';
import { usersStaffRoutes } from './surfaces/staff/users/users.routes';
import { staffWaitlistRoutes } from './surfaces/staff/waitlist/waitlist.routes';
import { webhookDeliveriesRoutes, webhookEndpointsRoutes } from './surfaces/staff/webhooks/webhooks.routes';
import { widgetSettingsRoutes } from './surfaces/staff/widget/widget-settings.routes';
import { workshopsAdminStaffRoutes } from './surfaces/staff/workshops/workshops-admin.routes';
import './http/types';

export type AppDeps = {
  database: Database;
  config: Config;
  /** The clock every service reads through ctx.now; tests replace it. */
  clock: () => Date;
  /** The payment providers this installation has credentials for (from config.payments). */
  payments: PaymentGateways;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const minutes = (ms: number) => {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return plural(n, 'minuto');
};

const STATIC_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export type BuildAppOptions = {
  database: Database;
  config: Config;
  logger?: Logger;
  clock?: () => Date;
  /** The anonymous micro-cache (http/page-cache.ts); tests that re-read pages turn it off. */
  pageCache?: boolean;
};

/** Builds the whole application without listening, so tests can use app.inject(). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  // Fastify types an https server differently; routes and hooks are the same, so the app is typed
  // as the plain-http instance either way.
  const https = config.tls
    ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } }
    : {};
  const app = Fastify({
    ...https,
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;

  app.decorate('deps', {
    database,
    config,
    clock: options.clock ?? (() => new Date()),
    payments: createPaymentGateways(config.payments),
  });
  app.decorateRequest('user', null);
  app.decorateRequest('flash', flashRequest);
  app.decorateReply('page', pageDecorator);
  app.decorateReply('flashRedirect', flashRedirectDecorator);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Route schemas (params, query, body) are zod schemas: one way to parse input everywhere.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputCleaning(app);

  // First, so every answer is redirected to https when it must be and carries the security headers,
  // the micro-cache's too; the micro-cache answers visitors without a session before sessions,
  // users and CSRF are looked at.
  registerTransportSecurity(app, { publicUrl: config.publicUrl, requireHttps: config.requireHttps });
  if (options.pageCache !== false) registerPageCache(app, () => app.deps.clock().getTime());
  else registerUncachedReads(app);

  // Old forms and scripts send repeated keys (checkbox lists): node's parser keeps them as arrays.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: 'sessionid',
    store: new DatabaseSessionStore(database.db),
    saveUninitialized: false,
    rolling: false,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      // Secure exactly when this request came over https (directly or, with TRUST_PROXY, through
      // the proxy): a Secure cookie set over plain http is never sent back, which broke every form
      // of a production site reached over http (issue 21).
      secure: 'auto',
      maxAge: 14 * 24 * 3600_000,
    },
  });
  // onRequest, after the session plugin's own: guards can then refuse a request before its body is
  // read (a multipart upload to /gestion/ by a visitor is never parsed).
  app.addHook('onRequest', async (request) => loadCurrentUser(database.db, request));
  await registerSecurity(app, { publicUrl: config.publicUrl });
  // Per-route limits (sign-up, reset and confirmation links); only the routes that declare one.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `Recibimos demasiadas solicitudes seguidas desde tu conexión. Espera ${minutes(context.ttl)} y vuelve a intentarlo.`,
        ),
        { statusCode: 429 },
      ),
  });

  await app.register(fastifyStatic, {
    root: STATIC_ROOT,
    prefix: '/static/',
    maxAge: '1d',
    index: false,
  });

  // Features, explicitly and in one place.
  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(legalRoutes);
  await app.register(authRoutes);
  await app.register(workshopsRoutes);
  await app.register(enrollmentsRoutes);
  await app.register(paymentsRoutes);
  await app.register(onlinePaymentsRoutes);
  await app.register(waitlistRoutes);
  await app.register(accountRoutes);
  await app.register(accountCalendarRoutes);
  await app.register(accountPacksRoutes);
  await app.register(accountGiftCardsRoutes);
  await app.register(emailPublicRoutes);
  await app.register(productRoutes);
  await app.register(cartRoutes);
  await app.register(checkoutRoutes);
  await app.register(mediaRoutes);
  await app.register(reportsPublicRoutes);
  await app.register(seriesRoutes);
  await app.register(ticketPublicRoutes);
  await app.register(accountTicketRoutes);
  await app.register(checkinPublicRoutes);
  await app.register(discountCodesRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await app.register(widgetRoutes);
  await app.register(certificatePublicRoutes);
  await app.register(packCreditPaymentRoutes);
  await app.register(giftCardsRoutes);

  // The back office: every plugin listed here is served under /gestion/ behind the staff guard.
  await app.register(
    staffArea([
      backofficeStaffRoutes,
      customersStaffRoutes,
      companiesStaffRoutes,
      interestsStaffRoutes,
      importsStaffRoutes,
      auditStaffRoutes,
      usersStaffRoutes,
      emailStaffRoutes,
      productStaffRoutes,
      mediaStaffRoutes,
      staffWaitlistRoutes,
      reportsStaffRoutes,
      workshopsAdminStaffRoutes,
      debtorsStaffRoutes,
      refundsStaffRoutes,
      emailComposeStaffRoutes,
      enrollmentsAdminRoutes,
      paymentsAdminRoutes,
      onlinePaymentsStaffRoutes,
      productsAdminRoutes,
      salesAdminRoutes,
      saleFulfilmentRoutes,
      shippingRatesRoutes,
      seriesStaffRoutes,
      facilitatorsStaffRoutes,
      attendancePolicyStaffRoutes,
      packsStaffRoutes,
      discountCodesStaffRoutes,
      earlyBirdStaffRoutes,
      apiKeysStaffRoutes,
      webhookEndpointsRoutes,
      webhookDeliveriesRoutes,
      widgetSettingsRoutes,
      locationsStaffRoutes,
      certificatesStaffRoutes,
      attendanceReportStaffRoutes,
      payrollStaffRoutes,
      giftCardsStaffRoutes,
    ]),
    { prefix: '/gestion' },
  );
  // A facilitator's own sessions, beside the staff area and behind its own guard.
  await app.register(facilitatorArea([mySessionsRoutes]), { prefix: '/gestion/mis-sesiones' });
  // Check-in at the door: its own part of /gestion/, open to the roles requireCheckIn names.
  await app.register(staffArea([checkinStaffRoutes], requireCheckIn), { prefix: '/gestion' });

  return app;
}
