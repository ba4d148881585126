import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * Paying with Mercado Pago Checkout Pro through the official mercadopago SDK against the local fake
 * of its API, hosted checkout and signed webhooks. The back URLs only bring the customer home; the
 * payment fetched by id (after a return or a verified webhook) is the only proof.
 */
describe('paying with Mercado Pago', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const enrollmentRow = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const paymentOf = (preferenceId: string) =>
    [...h.mp.payments.values()].find((p) => p.preferenceId === preferenceId)!;

  async function started() {
    const { client, email } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token, page } = await h.start(client, `/pago/${enrollmentId}/`, 'mercadopago');
    return { client, email, enrollmentId, attemptId, preferenceId: token, page };
  }

  it('creates a preference for what is owed and pays it: the return and the webhook make one payment', async () => {
    const { client, email, enrollmentId, attemptId, preferenceId, page } = await started();
    const attempt = await h.attempt(attemptId);
    const preference = h.mp.preferences.get(preferenceId)!;
    expect(preference.total).toBe(45000);
    expect(preference.request).toMatchObject({
      external_reference: attempt.buyOrder,
      auto_return: 'approved',
      notification_url: `${h.t.config.publicUrl}/pago/mercadopago/webhook/`,
      back_urls: { success: `${h.t.config.publicUrl}/pago/mercadopago/retorno/` },
    });
    expect(page.body).toContain(`href="${h.mp.baseUrl}/checkout/v1/redirect?pref_id=${preferenceId}"`);

    const navigation = await h.mp.browse(preferenceId, 'approve');
    await h.mp.flushWebhooks();
    const payment = paymentOf(preferenceId);
    expect(
      h.mp.webhooks
        .filter((w) => w.body.data && (w.body.data as { id: string }).id === String(payment.id))
        .map((w) => w.status),
    ).toEqual([200]);
    const { page: result } = await h.back(client, navigation!);
    expect(pageText(result.body)).toContain('¡Pago aprobado!');
    expect(pageText(result.body)).toContain(`N° de operación ${payment.id}`);
    expect(await h.attempt(attemptId)).toMatchObject({
      state: 'authorized',
      providerPaymentId: String(payment.id),
      issue: null,
    });
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'mercadopago', attemptId },
    ]);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    expect((await h.outbox('payment_receipt')).filter((m) => m.toAddress === email)).toHaveLength(1);
  });

  it('records the payment from the webhook alone when the customer never comes back', async () => {
    const { client, enrollmentId, attemptId, preferenceId } = await started();
    await h.mp.browse(preferenceId, 'approve');
    await h.mp.flushWebhooks();
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO' });
    expect(pageText((await client.get(`/pago/en-linea/${attemptId}/`)).body)).toContain('¡Pago aprobado!');
  });

  it('answers 401 to a webhook without a valid signature and changes nothing; a valid one then counts', async () => {
    const { enrollmentId, attemptId, preferenceId } = await started();
    await h.mp.browse(preferenceId, 'reject');
    await h.mp.flushWebhooks();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'rejected' });
    // The buyer tried again inside the checkout and paid: Mercado Pago now holds an approved payment.
    const payment = paymentOf(preferenceId);
    Object.assign(payment, { status: 'approved', statusDetail: 'accredited', approvedAt: h.ctx().now });

    const forged = [
      await h.mp.sendWebhook(payment.id, { secret: 'otra-clave-que-no-es-la-nuestra' }),
      await h.mp.sendWebhook(payment.id, { tamper: { signature: 'a'.repeat(64) } }),
      await h.mp.sendWebhook(payment.id, { tamper: { ts: '1' } }),
      await h.mp.sendWebhook(payment.id, { tamper: { requestId: 'otra' } }),
    ];
    expect(forged.map((d) => d.status)).toEqual([401, 401, 401, 401]);
    const unsigned = await fetch(
      `${h.t.config.publicUrl}/pago/mercadopago/webhook/?data.id=${payment.id}&type=payment`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'payment', data: { id: String(payment.id) } }),
      },
    );
    expect(unsigned.status).toBe(401);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'rejected' });
    expect(await h.ledger({ enrollmentId })).toEqual([]);

    expect((await h.mp.sendWebhook(payment.id)).status).toBe(200);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO' });
  });

  it('counts one payment when webhooks are replayed and race the return', async () => {
    const { client, enrollmentId, attemptId, preferenceId } = await started();
    const navigation = await h.mp.browse(preferenceId, 'approve');
    const payment = paymentOf(preferenceId);
    const [back, ...deliveries] = await Promise.all([
      h.back(client, navigation!),
      h.mp.sendWebhook(payment.id),
      h.mp.sendWebhook(payment.id),
      h.mp.sendWebhook(payment.id),
    ]);
    await h.mp.flushWebhooks();
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(pageText(back.page.body)).toContain('Recibimos tu pago de $45.000 con Mercado Pago');
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'mercadopago', attemptId },
    ]);
    // A replay days later is still only a question to the API.
    h.t.clock.advanceHours(72);
    expect((await h.mp.sendWebhook(payment.id)).status).toBe(200);
    expect(await h.ledger({ enrollmentId })).toHaveLength(1);
  });

  it('ignores a payment id in the back URL that belongs to another buy order', async () => {
    const first = await started();
    const second = await started();
    const paidNavigation = await h.mp.browse(second.preferenceId, 'approve');
    await h.mp.flushWebhooks();
    const secondPayment = paymentOf(second.preferenceId);
    // The first attempt's return, with the second one's payment pasted in.
    const url = new URL(`${h.t.config.publicUrl}/pago/mercadopago/retorno/`);
    url.search = new URLSearchParams({
      payment_id: String(secondPayment.id),
      status: 'approved',
      external_reference: (await h.attempt(first.attemptId)).buyOrder,
    }).toString();
    const { page } = await h.back(first.client, { method: 'GET', url: url.toString(), fields: {} });
    expect(pageText(page.body)).toContain('Estamos confirmando tu pago');
    expect(await h.attempt(first.attemptId)).toMatchObject({ state: 'redirected' });
    expect(await h.ledger({ enrollmentId: first.enrollmentId })).toEqual([]);
    expect(paidNavigation).not.toBeNull();
    // And a buy order nobody issued is not ours to show.
    const unknown = await new TestClient(h.t.app).get(
      '/pago/mercadopago/retorno/?external_reference=I1-NOEXISTE00',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a payment whose amount is not what we asked for, and tells staff', async () => {
    const { client, enrollmentId, attemptId, preferenceId } = await started();
    // A preference's price changed behind our back: Mercado Pago charged something else.
    h.mp.preferences.get(preferenceId)!.total = 1000;
    const navigation = await h.mp.browse(preferenceId, 'approve');
    await h.mp.flushWebhooks();
    await h.back(client, navigation!);
    const attempt = await h.attempt(attemptId);
    expect(attempt).toMatchObject({ state: 'authorized', issue: 'mismatch' });
    expect(attempt.issueDetail).toContain('el monto informado es $1.000 y el nuestro $45.000');
    expect(await h.ledger({ enrollmentId })).toEqual([]);
    expect(
      (await h.outbox('payment_alert')).filter((m) => m.bodyText.includes(attempt.buyOrder)),
    ).toHaveLength(1);
  });

  it('answers 503 when Mercado Pago cannot tell us about the payment, so the webhook comes again', async () => {
    const { enrollmentId, preferenceId } = await started();
    h.mp.failNext(3, 500);
    await h.mp.browse(preferenceId, 'approve');
    await h.mp.flushWebhooks();
    const payment = paymentOf(preferenceId);
    const first = h.mp.webhooks.find((w) => (w.body.data as { id: string }).id === String(payment.id))!;
    expect(first.status).toBe(503);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE' });
    expect((await h.mp.sendWebhook(payment.id)).status).toBe(200);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO' });
  });

  it('pays a kit order, and the sweeper finds a payment whose webhook and return never came', async () => {
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 12000, quantity: 1 }]);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'mercadopago');
    // The notification URL is unreachable for a moment: the webhook fails, the customer closes the tab.
    const preference = h.mp.preferences.get(token)!;
    preference.request.notification_url = 'http://127.0.0.1:9/nadie';
    await h.mp.browse(token, 'approve');
    await h.mp.flushWebhooks();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'redirected' });
    h.t.clock.advanceHours(0.05);
    await h.sweep();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized' });
    const sale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PAGADO');
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 12000, method: 'mercadopago', attemptId },
    ]);
  });
});
