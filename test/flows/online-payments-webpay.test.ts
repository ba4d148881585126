import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { recordEnrollmentPayment } from '../../src/domain/payments';
import { TestClient } from '../support/client';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * Paying with Webpay Plus through the official transbank-sdk against the local fake of Transbank's
 * REST API and form: enrollments and kit orders, every way back from the form, and the answers the
 * app must not believe.
 */
describe('paying with Webpay', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const enrollmentRow = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('offers the providers staff turned on, with the simulated page still there', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const page = await client.get(`/pago/${enrollmentId}/`);
    expect(page.body).toContain('data-test="provider-webpay"');
    expect(page.body).toContain('data-test="provider-mercadopago"');
    expect(page.body).toContain(`action="/pago/${enrollmentId}/en-linea/"`);
    expect(page.body).toContain('Simular pago rechazado');
  });

  it('pays an enrollment: create at Transbank for the balance, the form, our commit, one payment', async () => {
    const { client, email } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token, page } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');

    // The step to Transbank: a form posting token_ws to the URL Transbank gave, allowed by the CSP.
    expect(page.body).toContain(`action="${h.webpay.baseUrl}/webpayserver/initTransaction"`);
    expect(page.body).toContain(`name="token_ws" value="${token}"`);
    expect(String(page.headers['content-security-policy'])).toContain(
      `form-action 'self' ${h.webpay.baseUrl}`,
    );
    const created = [...h.webpay.transactions.values()].find((tx) => tx.token === token)!;
    const attempt = await h.attempt(attemptId);
    expect(created).toMatchObject({
      amount: 45000,
      buyOrder: attempt.buyOrder,
      sessionId: String(attemptId),
    });
    expect(created.returnUrl).toBe(`${h.t.config.publicUrl}/pago/webpay/retorno/`);
    expect(attempt).toMatchObject({
      provider: 'webpay',
      purpose: 'enrollment',
      state: 'redirected',
      amountClp: 45000,
    });
    expect(attempt.buyOrder).toMatch(new RegExp(`^I${enrollmentId}-[0-9A-F]{10}$`));

    const { page: result } = await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(result.statusCode).toBe(200);
    const text = pageText(result.body);
    expect(text).toContain('¡Pago aprobado!');
    expect(text).toContain('Recibimos tu pago de $45.000 con Webpay');
    expect(text).toContain(`Orden de compra ${attempt.buyOrder}`);
    expect(text).toContain('Tarjeta terminada en 6623');
    expect(text).toContain('Tipo de pago Crédito');

    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'webpay', attemptId },
    ]);
    expect(await h.attempt(attemptId)).toMatchObject({
      state: 'authorized',
      providerStatus: 'AUTHORIZED',
      issue: null,
    });
    const receipts = (await h.outbox('payment_receipt')).filter((m) => m.toAddress === email);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.bodyText).toContain('Webpay');
    // The commit was ours, server to server, once.
    expect(h.webpay.requests.filter((r) => r.method === 'PUT' && r.url.endsWith(token))).toHaveLength(1);

    // The back button, a second tab: the stored result, no second commit.
    const again = await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(pageText(again.page.body)).toContain('¡Pago aprobado!');
    expect(h.webpay.requests.filter((r) => r.method === 'PUT' && r.url.endsWith(token))).toHaveLength(1);
    expect(await h.ledger({ enrollmentId })).toHaveLength(1);
  });

  it('pays the balance of an abono, and a kit order, with the return coming back by POST', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    await inTransaction(h.t.database, (trx) =>
      recordEnrollmentPayment(trx, { enrollmentId, amountClp: 20000, method: 'efectivo' }, h.ctx()),
    );
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    expect((await h.attempt(attemptId)).amountClp).toBe(25000);
    const navigation = await h.webpay.browse(token, 'approve');
    const post = {
      ...navigation,
      method: 'POST' as const,
      url: navigation.url.split('?')[0]!,
      fields: { token_ws: token },
    };
    const { page } = await h.back(client, post);
    expect(pageText(page.body)).toContain('Recibimos tu pago de $25.000 con Webpay');
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });

    const { saleId, productIds } = await h.checkout(client, [{ priceClp: 15000, quantity: 2, stock: 4 }]);
    const sale = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    expect((await h.attempt(sale.attemptId)).buyOrder).toMatch(new RegExp(`^V${saleId}-`));
    const back = await h.back(client, await h.webpay.browse(sale.token, 'approve'));
    expect(pageText(back.page.body)).toContain('Recibimos tu pago de $30.000 con Webpay por tu compra');
    const saleRow = await db()
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(saleRow.status).toBe('PAGADO');
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 30000, method: 'webpay', attemptId: sale.attemptId },
    ]);
    const stock = await db()
      .selectFrom('products')
      .select('stock')
      .where('id', '=', productIds[0]!)
      .executeTakeFirstOrThrow();
    expect(stock.stock).toBe(2);
    expect((await h.outbox('order_receipt')).some((m) => m.subject === `Tu compra #${saleId}`)).toBe(true);
  });

  it('says a declined card was declined and changes nothing; the customer can try again', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const { page } = await h.back(client, await h.webpay.browse(token, 'reject'));
    const text = pageText(page.body);
    expect(text).toContain('Tu pago fue rechazado');
    expect(text).toContain('No se hizo ningún cargo');
    expect(page.body).toContain(`href="/pago/${enrollmentId}/" class="button" data-test="retry"`);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'rejected', providerStatus: 'FAILED' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE', amountPaidClp: 0 });
    expect(await h.ledger({ enrollmentId })).toEqual([]);

    const retry = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    await h.back(client, await h.webpay.browse(retry.token, 'approve'));
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO' });
  });

  it('takes "Anular compra" (TBK_TOKEN) as an abort without ever committing it', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'abort');
    expect(navigation.method).toBe('POST');
    expect(navigation.fields).toMatchObject({ TBK_TOKEN: token });
    const { page } = await h.back(client, navigation);
    expect(pageText(page.body)).toContain('Anulaste el pago');
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'aborted' });
    expect(h.webpay.requests.some((r) => r.method === 'PUT' && r.url.endsWith(token))).toBe(false);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE' });
  });

  it('takes a form that timed out (only TBK_ORDEN_COMPRA and TBK_ID_SESION) as expired', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    h.t.clock.advanceHours(0.1);
    const navigation = await h.webpay.browse(token, 'approve');
    expect(Object.keys(navigation.fields).sort()).toEqual(['TBK_ID_SESION', 'TBK_ORDEN_COMPRA']);
    const { page } = await h.back(client, navigation);
    expect(pageText(page.body)).toContain('El tiempo para pagar se agotó');
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'expired' });
  });

  it('refuses a forged or foreign token_ws without asking Transbank, and changes nothing', async () => {
    const before = h.webpay.requests.length;
    const stranger = new TestClient(h.t.app);
    for (const token of ['f'.repeat(64), 'no-es-un-token', '']) {
      const res = await stranger.get(`/pago/webpay/retorno/?token_ws=${token}`);
      expect(res.statusCode).toBe(404);
      expect(pageText(res.body)).toContain('No reconocemos este pago');
    }
    // A real Transbank token of a transaction someone else created (another shop, a test script).
    const { WEBPAY_INTEGRATION_API_KEY, WEBPAY_INTEGRATION_COMMERCE_CODE } = await import('../../src/config');
    const transbank = (await import('transbank-sdk')).default;
    const foreign = await new transbank.WebpayPlus.Transaction(
      new transbank.Options(WEBPAY_INTEGRATION_COMMERCE_CODE, WEBPAY_INTEGRATION_API_KEY, h.webpay.baseUrl),
    ).create('ajena-1', 'x', 1000, 'https://otra-tienda.cl/vuelta');
    h.webpay.authorize(foreign.token);
    const posted = await stranger.post('/pago/webpay/retorno/', { token_ws: foreign.token }, { csrf: false });
    expect(posted.statusCode).toBe(404);
    const aborted = await stranger.post(
      '/pago/webpay/retorno/',
      { TBK_TOKEN: foreign.token },
      { csrf: false },
    );
    expect(aborted.statusCode).toBe(404);
    // Nothing but the foreign create reached Transbank: no commit of a token we did not issue.
    expect(h.webpay.requests.slice(before).filter((r) => r.method === 'PUT')).toEqual([]);
    expect(h.webpay.transactions.get(foreign.token)?.committedAt).toBeNull();
  });

  it('refuses a commit whose amount or buy order is not ours, and tells staff', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    h.webpay.tamperCommit(token, { amount: 1000 });
    const { page } = await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(pageText(page.body)).toContain('Estamos revisando tu pago');
    const attempt = await h.attempt(attemptId);
    expect(attempt).toMatchObject({ state: 'authorized', issue: 'mismatch' });
    expect(attempt.issueDetail).toContain('el monto informado es $1.000 y el nuestro $45.000');
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE', amountPaidClp: 0 });
    expect(await h.ledger({ enrollmentId })).toEqual([]);
    const alerts = (await h.outbox('payment_alert')).filter((m) => m.bodyText.includes(attempt.buyOrder));
    expect(alerts.map((m) => m.subject)).toEqual(['Pagos en línea: Pago rechazado por no coincidir']);

    const other = await h.enroll(client);
    const second = await h.start(client, `/pago/${other.enrollmentId}/`, 'webpay');
    h.webpay.tamperCommit(second.token, { buy_order: 'I1-OTRAORDEN' });
    await h.back(client, await h.webpay.browse(second.token, 'approve'));
    expect((await h.attempt(second.attemptId)).issueDetail).toContain(
      'la orden de compra informada es «I1-OTRAORDEN»',
    );
    const problems = (await runConsistencyChecks(db(), h.ctx().now)).problems;
    expect(problems.filter((p) => p.includes(attempt.buyOrder))).toHaveLength(1);
  });

  it('leaves the attempt pending when Transbank fails or times out, and the sweeper settles it later', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const failed = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    h.webpay.failNext(1, 503);
    const { page } = await h.back(client, await h.webpay.browse(failed.token, 'approve'));
    expect(pageText(page.body)).toContain('Estamos confirmando tu pago');
    expect(pageText(page.body)).toContain('no vuelvas a pagar');
    expect(await h.attempt(failed.attemptId)).toMatchObject({ state: 'redirected' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE' });

    // Inside the grace period the sweeper leaves it to the customer's own return.
    expect(await h.sweep()).toMatchObject({ checked: 0 });
    h.t.clock.advanceHours(0.05);
    const swept = await h.sweep();
    expect(swept.settled).toBeGreaterThanOrEqual(1);
    expect(await h.attempt(failed.attemptId)).toMatchObject({ state: 'authorized' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    expect(pageText((await client.get(`/pago/en-linea/${failed.attemptId}/`)).body)).toContain(
      '¡Pago aprobado!',
    );

    // A commit whose answer never arrives (the timeout is 2 s here): Transbank committed it anyway.
    const other = await h.enroll(client);
    const slow = await h.start(client, `/pago/${other.enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(slow.token, 'approve');
    h.webpay.delayNext(2500);
    const { page: waiting } = await h.back(client, navigation);
    expect(pageText(waiting.body)).toContain('Estamos confirmando tu pago');
    await expect
      .poll(() => h.webpay.transactions.get(slow.token)?.status, { timeout: 5000 })
      .toBe('AUTHORIZED');
    h.t.clock.advanceHours(0.05);
    await h.sweep();
    expect(await h.attempt(slow.attemptId)).toMatchObject({ state: 'authorized' });
    expect(await h.ledger({ enrollmentId: other.enrollmentId })).toHaveLength(1);
  });

  it('expires an attempt the customer never finished, once Transbank says the form is over', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    h.t.clock.advanceHours(0.2);
    await h.sweep();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'expired' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE' });
  });

  it('counts one payment when the same return arrives several times at once', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    const path = new URL(navigation.url).pathname + new URL(navigation.url).search;
    const responses = await Promise.all([1, 2, 3, 4].map(() => client.get(path)));
    expect(responses.map((r) => r.statusCode)).toEqual([303, 303, 303, 303]);
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'webpay', attemptId },
    ]);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    expect((await h.outbox('payment_receipt')).filter((m) => m.bodyText.includes('45.000'))).not.toHaveLength(
      0,
    );
  });

  it('answers a provider that is not offered, and a Transbank that cannot open the payment, on the payment page', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const bogus = await client.post(`/pago/${enrollmentId}/en-linea/`, { proveedor: 'khipu' });
    expect(bogus.statusCode).toBe(303);
    expect(bogus.headers.location).toBe(`/pago/${enrollmentId}/`);
    expect(pageText((await client.follow(bogus)).body)).toContain('Ese medio de pago no está disponible');

    h.webpay.failNext(1, 500);
    const failed = await client.post(`/pago/${enrollmentId}/en-linea/`, { proveedor: 'webpay' });
    expect(failed.headers.location).toBe(`/pago/${enrollmentId}/`);
    expect(pageText((await client.follow(failed)).body)).toContain(
      'No pudimos conectarnos con Webpay. No se hizo ningún cargo',
    );
    const attempts = await db()
      .selectFrom('paymentAttempts')
      .selectAll()
      .where('enrollmentId', '=', enrollmentId)
      .execute();
    expect(attempts.map((a) => [a.state, a.providerStatus])).toEqual([['rejected', 'NO_INICIADO']]);
  });

  it('lets no other customer start, see or follow someone else’s payment', async () => {
    const owner = await h.customer();
    const { enrollmentId } = await h.enroll(owner.client);
    const { attemptId } = await h.start(owner.client, `/pago/${enrollmentId}/`, 'webpay');
    const other = await h.customer();
    expect(
      (await other.client.post(`/pago/${enrollmentId}/en-linea/`, { proveedor: 'webpay' })).statusCode,
    ).toBe(404);
    expect((await other.client.get(`/pago/en-linea/${attemptId}/`)).statusCode).toBe(404);
    expect((await other.client.get(`/pago/en-linea/${attemptId}/ir/`)).statusCode).toBe(404);
  });

  it('keeps working for the simulated page, and refuses it once staff turn it off', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    await h.disable('simulated');
    try {
      const page = await client.get(`/pago/${enrollmentId}/`);
      expect(page.body).not.toContain('Simular pago rechazado');
      expect(page.body).toContain('data-test="provider-choice"');
      const paid = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
      expect(pageText((await client.follow(paid)).body)).toContain('Ese medio de pago no está disponible');
      expect(await h.ledger({ enrollmentId })).toEqual([]);
    } finally {
      await h.enable('simulated');
    }
  });
});
