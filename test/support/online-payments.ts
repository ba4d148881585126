import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { OnlineProvider } from '../../src/db/schema';
import { inTransaction } from '../../src/db/transaction';
import { type OnlinePaymentsDeps, setProviderEnabled, sweepOnlinePayments } from '../../src/domain/payments';
import { buildTestApp, type TestApp, TestClock } from './app';
import { TestClient } from './client';
import { createCustomerAccount, createProduct, createWorkshop, unique } from './factories';
import type { Navigation } from './fakes/fake-http';
import { type MercadoPagoFake, startMercadoPagoFake } from './fakes/mercadopago-fake';
import { startWebpayFake, type WebpayFake, type WebpayFakeOptions } from './fakes/webpay-fake';

/**
 * The whole app on a real port (Mercado Pago's fake delivers webhooks to it) with Webpay and Mercado
 * Pago configured the way an installation configures them, through the environment: integration
 * credentials and WEBPAY_BASE_URL / MERCADOPAGO_BASE_URL pointing the official SDKs at the local
 * fakes. Both fakes run on the app's test clock.
 */
export type PaymentsHarness = {
  t: TestApp;
  webpay: WebpayFake;
  mp: MercadoPagoFake;
  staff: TestClient;
  close: () => Promise<void>;
  ctx: () => { now: Date; actor: null; publicUrl: string };
  enable: (...providers: ('simulated' | OnlineProvider)[]) => Promise<void>;
  /** One run of the sweeper job, as the scheduler runs it. */
  sweep: () => Promise<{ checked: number; settled: number }>;
  deps: () => OnlinePaymentsDeps;
  disable: (provider: 'simulated' | OnlineProvider) => Promise<void>;
  customer: () => Promise<{ client: TestClient; customerId: number; email: string }>;
  enroll: (
    client: TestClient,
    workshop?: Parameters<typeof createWorkshop>[1],
  ) => Promise<{ enrollmentId: number; workshopId: number }>;
  checkout: (
    client: TestClient,
    items?: { priceClp?: number; stock?: number; quantity?: number }[],
  ) => Promise<{
    saleId: number;
    productIds: number[];
  }>;
  start: (
    client: TestClient,
    payPath: string,
    provider: OnlineProvider,
  ) => Promise<{ attemptId: number; token: string; page: LightMyRequestResponse }>;
  /** Performs the provider's navigation back to us as a browser would, then follows our redirect. */
  back: (
    client: TestClient,
    navigation: Navigation,
  ) => Promise<{ returned: LightMyRequestResponse; page: LightMyRequestResponse }>;
  attempt: (id: number) => Promise<Awaited<ReturnType<typeof findAttemptRow>>>;
  ledger: (where: {
    enrollmentId?: number;
    saleId?: number;
  }) => Promise<{ kind: string; amountClp: number; method: string; attemptId: number | null }[]>;
  outbox: (template: string) => Promise<{ toAddress: string; subject: string; bodyText: string }[]>;
};

async function findAttemptRow(t: TestApp, id: number) {
  return t.database.db
    .selectFrom('paymentAttempts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The path and query of an absolute URL of ours, for app.inject. */
export const localPath = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

export async function startPaymentsHarness(
  options: { webpay?: WebpayFakeOptions; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<PaymentsHarness> {
  const clock = new TestClock();
  const webpay = await startWebpayFake({ now: clock.now, ...options.webpay });
  const mp = await startMercadoPagoFake({ now: clock.now });
  const t = await buildTestApp({
    clock,
    env: {
      WEBPAY_ENVIRONMENT: 'integration',
      WEBPAY_BASE_URL: webpay.baseUrl,
      MERCADOPAGO_ACCESS_TOKEN: mp.accessToken,
      MERCADOPAGO_WEBHOOK_SECRET: mp.webhookSecret,
      MERCADOPAGO_BASE_URL: mp.baseUrl,
      PAYMENT_PROVIDER_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
      ...options.env,
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Return URLs and webhooks must reach this server.
  t.config.publicUrl = `http://127.0.0.1:${port}`;

  const db = t.database.db;
  const { createUser, TEST_PASSWORD } = await import('./factories');
  const staffUser = await createUser(db, { role: 'admin', email: `${unique('admin')}@tmm.cl` });
  const staff = new TestClient(t.app);
  await staff.login(staffUser.email, TEST_PASSWORD);
  const ctx = () => ({ now: clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const setEnabled = (provider: 'simulated' | OnlineProvider, enabled: boolean) =>
    inTransaction(t.database, (trx) =>
      setProviderEnabled(trx, { provider, enabled }, t.app.deps.payments, {
        ...ctx(),
        actor: { userId: staffUser.id, role: 'admin' },
      }),
    );

  const harness: PaymentsHarness = {
    t,
    webpay,
    mp,
    staff,
    ctx,
    close: async () => {
      await t.close();
      await webpay.close();
      await mp.close();
    },
    enable: async (...providers) => {
      for (const provider of providers) await setEnabled(provider, true);
    },
    disable: (provider) => setEnabled(provider, false),
    sweep: () => sweepOnlinePayments({ database: t.database, gateways: t.app.deps.payments }, ctx()),
    deps: () => ({ database: t.database, gateways: t.app.deps.payments }),
    customer: async () => {
      const account = await createCustomerAccount(db);
      const client = new TestClient(t.app);
      await client.login(account.login, account.password);
      return { client, customerId: account.customer.id, email: account.user.email };
    },
    enroll: async (client, workshop = {}) => {
      const created = await createWorkshop(db, { priceClp: 45000, ...workshop });
      const res = await client.post(`/talleres/${created.id}/`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      const enrollmentId = Number(/\/pago\/(\d+)\//.exec(String(res.headers.location))?.[1]);
      return { enrollmentId, workshopId: created.id };
    },
    checkout: async (client, items = [{}]) => {
      const productIds: number[] = [];
      for (const item of items) {
        const product = await createProduct(db, { priceClp: item.priceClp ?? 15000, stock: item.stock ?? 5 });
        productIds.push(product.id);
        await client.post(`/carrito/add/${product.id}/`, { cantidad: String(item.quantity ?? 1) });
      }
      const res = await client.post('/carrito/checkout/');
      expect(res.statusCode).toBe(303);
      return {
        saleId: Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]),
        productIds,
      };
    },
    start: async (client, payPath, provider) => {
      const started = await client.post(`${payPath}en-linea/`, { proveedor: provider });
      expect(started.statusCode, started.body.slice(0, 500)).toBe(303);
      const location = String(started.headers.location);
      const attemptId = Number(/^\/pago\/en-linea\/(\d+)\/ir\/$/.exec(location)?.[1]);
      expect(attemptId, location).toBeGreaterThan(0);
      const page = await client.get(location);
      expect(page.statusCode).toBe(200);
      const row = await findAttemptRow(t, attemptId);
      return { attemptId, token: row.token ?? '', page };
    },
    back: async (client, navigation) => {
      // A provider's POST back comes cross-site: the browser sends its Origin and no Lax cookie.
      const returned =
        navigation.method === 'GET'
          ? await client.get(localPath(navigation.url))
          : await new TestClient(t.app).post(localPath(navigation.url), navigation.fields, {
              csrf: false,
              headers: { origin: webpay.baseUrl },
            });
      expect(returned.statusCode, returned.body.slice(0, 300)).toBe(303);
      return { returned, page: await client.follow(returned) };
    },
    attempt: (id) => findAttemptRow(t, id),
    ledger: async (where) => {
      let query = db
        .selectFrom('payments')
        .select(['kind', 'amountClp', 'method', 'attemptId'])
        .orderBy('id');
      if (where.enrollmentId !== undefined) query = query.where('enrollmentId', '=', where.enrollmentId);
      if (where.saleId !== undefined) query = query.where('saleId', '=', where.saleId);
      return query.execute();
    },
    outbox: (template) =>
      db
        .selectFrom('emailOutbox')
        .select(['toAddress', 'subject', 'bodyText'])
        .where('template', '=', template)
        .orderBy('id')
        .execute(),
  };
  return harness;
}

/** The text a page says, tags removed and entities read, for assertions on what a person reads. */
export const pageText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
