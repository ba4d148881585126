import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBPAY_INTEGRATION_API_KEY, WEBPAY_INTEGRATION_COMMERCE_CODE } from '../../src/config';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { jobs } from '../../src/jobs';
import { buildTestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

const flash = (html: string) => /<div class="flash flash-\w+"[^>]*>([^<]*)/.exec(html)?.[1] ?? '';

/** "Pagos en línea": the attempts by state, the reconciliation with each provider, and the providers. */
describe('online payments in the back office', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const runJob = (name: string) =>
    jobs
      .find((j) => j.name === name)!
      .run({
        database: h.t.database,
        config: h.t.config,
        now: h.t.clock.now,
        log: { info: () => {}, error: () => {} },
      });

  async function paid(provider: 'webpay' | 'mercadopago') {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const started = await h.start(client, `/pago/${enrollmentId}/`, provider);
    if (provider === 'webpay') await h.back(client, await h.webpay.browse(started.token, 'approve'));
    else {
      await h.mp.browse(started.token, 'approve');
      await h.mp.flushWebhooks();
    }
    return { ...started, enrollmentId };
  }

  it('lists every attempt by state with its filters, links it from the menu, and exports it', async () => {
    const webpay = await paid('webpay');
    const mp = await paid('mercadopago');
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const rejected = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    await h.back(client, await h.webpay.browse(rejected.token, 'reject'));

    const list = await h.staff.get('/gestion/pagos-en-linea/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/gestion/pagos-en-linea/" aria-current="page"');
    for (const a of [webpay, mp, rejected]) expect(list.body).toContain(`data-test="attempt-${a.attemptId}"`);
    expect(pageText(list.body)).toContain('Rechazado');

    const onlyRejected = await h.staff.get('/gestion/pagos-en-linea/?estado=rejected&proveedor=webpay');
    expect(onlyRejected.body).toContain(`data-test="attempt-${rejected.attemptId}"`);
    expect(onlyRejected.body).not.toContain(`data-test="attempt-${webpay.attemptId}"`);
    const byBuyOrder = await h.staff.get(
      `/gestion/pagos-en-linea/?q=${(await h.attempt(mp.attemptId)).buyOrder}`,
    );
    expect(byBuyOrder.body).toContain(`data-test="attempt-${mp.attemptId}"`);
    expect(byBuyOrder.body).not.toContain(`data-test="attempt-${webpay.attemptId}"`);

    const csv = await h.staff.get('/gestion/pagos-en-linea/?formato=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Orden de compra');
    expect(csv.body).toContain((await h.attempt(webpay.attemptId)).buyOrder);

    const detail = await h.staff.get(`/gestion/pagos-en-linea/${webpay.attemptId}/`);
    const text = pageText(detail.body);
    expect(text).toContain('Respuesta del proveedor AUTHORIZED');
    expect(text).toContain('Tarjeta terminada en 6623');
    expect(text).toContain('Cliente (en línea)');
    expect((await new TestClient(h.t.app).get('/gestion/pagos-en-linea/')).statusCode).toBe(303);
  });

  it('reconciles every attempt of the last 7 days with its provider: all matched, then a refund made outside', async () => {
    const { attemptId, token } = await paid('webpay');
    await paid('mercadopago');
    await runJob('online-payments-reconciliation');
    const list = await h.staff.get('/gestion/pagos-en-linea/');
    expect(pageText(list.body)).toMatch(
      /Todo coincide: \d+ pagos revisados con su proveedor y el libro de pagos/,
    );
    expect(list.body).toContain(`data-test="attempt-reconciliation-${attemptId}">Coincide`);
    expect((await runConsistencyChecks(db(), h.ctx().now)).problems).toEqual([]);

    // Someone refunds 10.000 in Transbank's own portal: TMM did not record it.
    const transbank = (await import('transbank-sdk')).default;
    await new transbank.WebpayPlus.Transaction(
      new transbank.Options(WEBPAY_INTEGRATION_COMMERCE_CODE, WEBPAY_INTEGRATION_API_KEY, h.webpay.baseUrl),
    ).refund(token, 10000);
    // Each attempt is reconciled once a day: not again within the hour, then the day after.
    await runJob('online-payments-reconciliation');
    expect((await h.attempt(attemptId)).reconciliation).toBe('matched');
    h.t.clock.advanceHours(25);
    await runJob('online-payments-reconciliation');
    const attempt = await h.attempt(attemptId);
    expect(attempt.reconciliation).toBe('mismatch');
    expect(attempt.reconciliationDetail).toBe('Webpay devolvió $10.000 y aquí consta $0 devuelto.');
    const alerts = (await h.outbox('payment_alert')).filter(
      (m) => m.subject === 'Pagos en línea: Diferencias en la conciliación',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.bodyText).toContain(attempt.buyOrder);
    const mismatches = await h.staff.get('/gestion/pagos-en-linea/?conciliacion=diferencia');
    expect(mismatches.body).toContain(`data-test="attempt-${attemptId}"`);
    expect(pageText(mismatches.body)).toContain('Diferencia: Webpay devolvió $10.000');

    // "Conciliar ahora" goes through everything again at once, and alerts nobody twice.
    const now = await h.staff.post('/gestion/pagos-en-linea/conciliar/');
    expect(flash((await h.staff.follow(now)).body)).toMatch(/^Conciliados \d+ pagos: 1 con diferencias\.$/);
    expect((await h.outbox('payment_alert')).filter((m) => m.subject.includes('conciliación'))).toHaveLength(
      1,
    );
  });

  it('reports in tmm check an attempt pending for more than an hour, until the sweeper settles it', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const about = async () =>
      (await runConsistencyChecks(db(), h.ctx().now)).problems.filter((p) => p.includes(`#${attemptId} `));
    expect(await about()).toEqual([]);
    h.t.clock.advanceHours(2);
    expect(await about()).toEqual([
      expect.stringMatching(/^Pago en línea #\d+ \(Webpay, orden I\d+-\w+\) sigue pendiente desde/),
    ]);
    await runJob('online-payments-sweeper');
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'expired' });
    expect(await about()).toEqual([]);
  });

  it('asks the provider about one attempt on demand, and says so when it does not answer', async () => {
    const { client } = await h.customer();
    const waiting = await h.enroll(client);
    const open = await h.start(client, `/pago/${waiting.enrollmentId}/`, 'webpay');
    // The customer is still on Transbank's form and never came back: its status is only asked, and
    // nothing is committed while the form may still be in use.
    const asked = await h.staff.post(`/gestion/pagos-en-linea/${open.attemptId}/consultar/`);
    expect(flash((await h.staff.follow(asked)).body)).toBe(
      'Consultamos al proveedor: el pago muestra su estado actual.',
    );
    expect(await h.attempt(open.attemptId)).toMatchObject({
      state: 'redirected',
      providerStatus: 'INITIALIZED',
    });
    expect(h.webpay.requests.some((r) => r.method === 'PUT' && r.url.endsWith(open.token))).toBe(false);

    // The customer paid, but their return hit a Transbank hiccup; Transbank is still down when
    // staff first ask, and answers the second time.
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    h.webpay.failNext(1, 503);
    await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'redirected' });
    h.webpay.failNext(1, 503);
    const down = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/consultar/`);
    expect(flash((await h.staff.follow(down)).body)).toBe(
      'El proveedor no respondió: el pago sigue como estaba. Vuelve a intentarlo en unos minutos.',
    );
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'redirected' });
    const up = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/consultar/`);
    expect(flash((await h.staff.follow(up)).body)).toContain('Consultamos al proveedor');
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized', reconciliation: 'matched' });
    expect(await h.ledger({ enrollmentId })).toHaveLength(1);
  });

  it('lets staff choose the providers customers see, never none, with the simulated page flagged beside real ones', async () => {
    const settings = await h.staff.get('/gestion/pagos-en-linea/medios/');
    const text = pageText(settings.body);
    expect(text).toContain('Configurado: Integración (sin dinero real)');
    expect(text).toContain('Configurado: Credenciales de prueba (sin dinero real)');
    expect(settings.body).toContain('data-test="simulated-warning"');

    const off = await h.staff.post('/gestion/pagos-en-linea/medios/', {
      proveedor: 'mercadopago',
      activo: '0',
    });
    expect(flash((await h.staff.follow(off)).body)).toBe(
      'Mercado Pago ya no aparece en las páginas de pago.',
    );
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const page = await client.get(`/pago/${enrollmentId}/`);
    expect(page.body).toContain('data-test="provider-webpay"');
    expect(page.body).not.toContain('data-test="provider-mercadopago"');
    const refused = await client.post(`/pago/${enrollmentId}/en-linea/`, { proveedor: 'mercadopago' });
    expect(flash((await client.follow(refused)).body)).toContain('Ese medio de pago no está disponible');

    await h.staff.follow(
      await h.staff.post('/gestion/pagos-en-linea/medios/', { proveedor: 'simulated', activo: '0' }),
    );
    const last = await h.staff.post('/gestion/pagos-en-linea/medios/', { proveedor: 'webpay', activo: '0' });
    expect(flash((await h.staff.follow(last)).body)).toContain('Deja al menos un medio de pago activo');
    const audit = await db()
      .selectFrom('auditLog')
      .select(['entityType', 'afterJson'])
      .where('entityType', '=', 'payment_provider')
      .execute();
    expect(audit.map((a) => a.afterJson)).toContain('{"enabled":false}');
    await h.enable('simulated', 'mercadopago');
  });

  it('shows an installation without credentials as not configured, and will not turn it on', async () => {
    const t = await buildTestApp();
    try {
      const admin = await createUser(t.database.db, { role: 'admin' });
      const staff = new TestClient(t.app);
      await staff.login(admin.email, TEST_PASSWORD);
      const settings = await staff.get('/gestion/pagos-en-linea/medios/');
      expect(pageText(settings.body)).toContain('Sin configurar');
      expect(settings.body).not.toContain('data-test="toggle-webpay"');
      const on = await staff.post('/gestion/pagos-en-linea/medios/', { proveedor: 'webpay', activo: '1' });
      expect(flash((await staff.follow(on)).body)).toBe(
        'Webpay no tiene credenciales en esta instalación: configúralas primero (ver README).',
      );
      // Nothing configured: the simulated page alone, as in development and demos.
      const list = await staff.get('/gestion/pagos-en-linea/');
      expect(pageText(list.body)).toContain('No hubo pagos en línea en estos días.');
    } finally {
      await t.close();
    }
  });
});
