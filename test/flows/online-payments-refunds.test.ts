import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { enrollmentPaymentsCheck, onlinePaymentsCheck, paymentDaysCheck } from '../../src/domain/payments';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * Staff give money back through the provider that took it, from the attempt's page: part or all,
 * recorded in the ledger as REFUND rows (negative in the lists), the customer e-mailed, once per
 * form, and nothing recorded when the provider says no.
 */
describe('refunding online payments from the back office', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const enrollmentRow = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const formKey = (html: string) => /name="clave" value="([^"]+)"/.exec(html)![1]!;
  const flash = (html: string) => /<div class="flash flash-\w+"[^>]*>([^<]*)/.exec(html)?.[1] ?? '';

  async function paidEnrollment(provider: 'webpay' | 'mercadopago') {
    const customer = await h.customer();
    const { enrollmentId, workshopId } = await h.enroll(customer.client);
    const { attemptId, token } = await h.start(customer.client, `/pago/${enrollmentId}/`, provider);
    if (provider === 'webpay') await h.back(customer.client, await h.webpay.browse(token, 'approve'));
    else {
      await h.mp.browse(token, 'approve');
      await h.mp.flushWebhooks();
    }
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized' });
    return { ...customer, enrollmentId, workshopId, attemptId, token };
  }

  /** Another member of staff, in a browser of their own. */
  async function staffMember() {
    const user = await createUser(db(), { role: 'staff' });
    const client = new TestClient(h.t.app);
    await client.login(user.email, TEST_PASSWORD);
    // Read the welcome flash, so the next page's flash is the one under test.
    await client.get('/gestion/');
    return client;
  }

  const refund = async (attemptId: number, form: Record<string, string>) => {
    const page = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    return h.staff.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, {
      clave: formKey(page.body),
      ...form,
    });
  };

  it('refunds part and then the rest of a cancelled enrollment’s Webpay payment', async () => {
    const { email, enrollmentId, workshopId, attemptId, token } = await paidEnrollment('webpay');
    const detail = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    expect(pageText(detail.body)).toContain('Para devolver dinero de una inscripción, anúlala primero');
    expect(detail.body).not.toContain('data-test="refund-form"');

    const cancelled = await h.staff.post(
      `/gestion/talleres/${workshopId}/inscripciones/${enrollmentId}/anular/`,
    );
    expect(cancelled.statusCode).toBe(303);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'ANULADO', refundDueClp: 45000 });
    const ready = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    expect(pageText(ready.body)).toContain('Puedes devolver hasta $45.000');

    const part = await refund(attemptId, { monto: '15.000' });
    expect(part.statusCode).toBe(303);
    expect(flash((await h.staff.follow(part)).body)).toContain('en total se han devuelto $15.000');
    expect(h.webpay.transactions.get(token)).toMatchObject({ status: 'PARTIALLY_NULLIFIED', balance: 30000 });
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized', refundedClp: 15000 });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ amountPaidClp: 30000, refundDueClp: 30000 });
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'webpay', attemptId },
      { kind: 'REFUND', amountClp: 15000, method: 'webpay', attemptId },
    ]);
    const receipts = (await h.outbox('refund_receipt')).filter((m) => m.toAddress === email);
    expect(receipts.map((m) => m.subject)).toEqual(['Te devolvimos $15.000']);
    expect(receipts[0]!.bodyText).toContain('Anulación Webpay');

    const rest = await refund(attemptId, { todo: '1' });
    expect(flash((await h.staff.follow(rest)).body)).toContain('en total se han devuelto $45.000');
    expect(h.webpay.transactions.get(token)).toMatchObject({ status: 'NULLIFIED', balance: 0 });
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'refunded', refundedClp: 45000 });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ amountPaidClp: 0, refundDueClp: 0 });
    const after = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    expect(pageText(after.body)).toContain('Este pago ya fue devuelto completo.');
    // The audit log reads the refunds in Spanish and in pesos.
    const audit = pageText(
      (await h.staff.get(`/gestion/auditoria/?entidad=payment_attempt&q=${attemptId}`)).body,
    );
    expect(audit).toContain('Devuelto $15.000 → $45.000');
    expect(audit).not.toMatch(/refundedClp/);
    // The payments list shows the refunds as money out.
    const ledger = await h.staff.get(`/gestion/pagos/?q=${enrollmentId}`);
    expect(pageText(ledger.body)).toContain('-$15.000');
    expect(
      (await runConsistencyChecks(db(), h.ctx().now)).problems.filter(
        (p) => p.includes(`#${attemptId} `) || p.includes(`Inscripción #${enrollmentId}:`),
      ),
    ).toEqual([]);
  });

  it('refunds once when the same form is sent twice, even at the same moment', async () => {
    const { enrollmentId, workshopId, attemptId, token } = await paidEnrollment('webpay');
    await h.staff.post(`/gestion/talleres/${workshopId}/inscripciones/${enrollmentId}/anular/`);
    const page = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    const key = formKey(page.body);
    // The same form, sent from two tabs at once (each tab keeps its own flash).
    const tabs = [h.staff, await staffMember()];
    const sent = await Promise.all(
      tabs.map((tab) =>
        tab.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, { clave: key, monto: '10000' }),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual([303, 303]);
    const flashes = await Promise.all(sent.map(async (r, i) => flash((await tabs[i]!.follow(r)).body)));
    expect(flashes.filter((f) => f.includes('Devolución hecha'))).toHaveLength(1);
    const again = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, {
      clave: key,
      monto: '10000',
    });
    expect(flash((await h.staff.follow(again)).body)).toContain('Esta devolución ya se registró');
    expect(h.webpay.transactions.get(token)!.refunds).toHaveLength(1);
    expect(await h.attempt(attemptId)).toMatchObject({ refundedClp: 10000 });
    expect((await h.ledger({ enrollmentId })).filter((r) => r.kind === 'REFUND')).toHaveLength(1);
  });

  it('refuses more than may go back, and records nothing when the provider refuses', async () => {
    const { enrollmentId, workshopId, attemptId, token } = await paidEnrollment('webpay');
    await h.staff.post(`/gestion/talleres/${workshopId}/inscripciones/${enrollmentId}/anular/`);
    const tooMuch = await refund(attemptId, { monto: '50000' });
    expect(flash((await h.staff.follow(tooMuch)).body)).toContain('no puede superar $45.000');
    const blank = await refund(attemptId, { monto: 'mucho' });
    expect(blank.statusCode).toBe(422);

    // A debit card: Transbank only nullifies its whole balance.
    h.webpay.transactions.get(token)!.paymentTypeCode = 'VD';
    h.t.clock.advanceHours(4);
    const refused = await refund(attemptId, { monto: '5000' });
    expect(flash((await h.staff.follow(refused)).body)).toContain(
      'Webpay no hizo la devolución: Debit and prepaid transactions can only be nullified for their full balance. No se devolvió nada.',
    );
    expect(await h.attempt(attemptId)).toMatchObject({ refundedClp: 0, lastRefundKey: null });
    expect((await h.ledger({ enrollmentId })).filter((r) => r.kind === 'REFUND')).toEqual([]);

    // Transbank does not answer, and its status shows nothing given back: nothing recorded either.
    h.webpay.failNext(1, 503, /^POST .*\/refunds$/);
    const unanswered = await refund(attemptId, { todo: '1' });
    expect(flash((await h.staff.follow(unanswered)).body)).toContain(
      'Webpay no hizo la devolución: no respondió',
    );
    expect(await h.attempt(attemptId)).toMatchObject({ refundedClp: 0 });
    const whole = await refund(attemptId, { todo: '1' });
    expect(flash((await h.staff.follow(whole)).body)).toContain('en total se han devuelto $45.000');
  });

  it('refunds part of a kit order paid with Mercado Pago, which stays paid', async () => {
    const { client, email } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 9000, quantity: 2 }]);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'mercadopago');
    await h.mp.browse(token, 'approve');
    await h.mp.flushWebhooks();
    const payment = [...h.mp.payments.values()].find((p) => p.preferenceId === token)!;

    const part = await refund(attemptId, { monto: '9000' });
    expect(flash((await h.staff.follow(part)).body)).toContain('en total se han devuelto $9.000');
    expect(h.mp.payments.get(payment.id)).toMatchObject({
      status: 'approved',
      statusDetail: 'partially_refunded',
    });
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 18000, method: 'mercadopago', attemptId },
      { kind: 'REFUND', amountClp: 9000, method: 'mercadopago', attemptId },
    ]);
    const sale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PAGADO');
    expect(
      (await h.outbox('refund_receipt')).some(
        (m) => m.toAddress === email && m.bodyText.includes('tu compra #'),
      ),
    ).toBe(true);
    const shop = (await runConsistencyChecks(db(), h.ctx().now)).problems.filter((p) =>
      p.startsWith(`Venta #${saleId}`),
    );
    expect(shop).toEqual([]);
    // Mercado Pago keeps the idempotency key of the refund: the SDK's retries never refund twice.
    const refundCalls = h.mp.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/refunds'));
    expect(refundCalls.at(-1)!.headers['x-idempotency-key']).toMatch(/^refund-V\d+-[0-9A-F]{10}-/);
  });

  it('lets only one of two different refunds pass when together they would exceed the payment', async () => {
    const { enrollmentId, workshopId, attemptId, token } = await paidEnrollment('webpay');
    await h.staff.post(`/gestion/talleres/${workshopId}/inscripciones/${enrollmentId}/anular/`);
    const staff = [h.staff, await staffMember()];
    const keys = await Promise.all(
      staff.map(async (s) => formKey((await s.get(`/gestion/pagos-en-linea/${attemptId}/`)).body)),
    );
    const sent = await Promise.all(
      staff.map((s, i) =>
        s.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, { clave: keys[i]!, monto: '30000' }),
      ),
    );
    const flashes = await Promise.all(sent.map(async (r, i) => flash((await staff[i]!.follow(r)).body)));
    expect(flashes.filter((f) => f.includes('Devolución hecha'))).toHaveLength(1);
    expect(h.webpay.transactions.get(token)!.refunds).toHaveLength(1);
    expect(await h.attempt(attemptId)).toMatchObject({ refundedClp: 30000 });
  });

  it('keeps the daily payment summary equal to the ledger after a webhook payment and a partial refund', async () => {
    const summary = async () => {
      const rows = await db()
        .selectFrom('paymentDays')
        .select(['amountClp', 'grossClp', 'purchases'])
        .execute();
      return rows.reduce(
        (sum, r) => ({
          amountClp: sum.amountClp + Number(r.amountClp),
          grossClp: sum.grossClp + Number(r.grossClp),
          purchases: sum.purchases + Number(r.purchases),
        }),
        { amountClp: 0, grossClp: 0, purchases: 0 },
      );
    };
    const before = await summary();
    const { enrollmentId, workshopId, attemptId } = await paidEnrollment('mercadopago');
    await h.staff.post(`/gestion/talleres/${workshopId}/inscripciones/${enrollmentId}/anular/`);
    const part = await refund(attemptId, { monto: '12.000' });
    expect(flash((await h.staff.follow(part)).body)).toContain('en total se han devuelto $12.000');
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'mercadopago', attemptId },
      { kind: 'REFUND', amountClp: 12000, method: 'mercadopago', attemptId },
    ]);
    // The payment came in and part of it went out, on the same Santiago day.
    expect(await summary()).toEqual({
      amountClp: before.amountClp + 33000,
      grossClp: before.grossClp + 45000,
      purchases: before.purchases + 1,
    });
    const report = await runConsistencyChecks(db(), h.ctx().now, [
      paymentDaysCheck,
      enrollmentPaymentsCheck,
      onlinePaymentsCheck,
    ]);
    expect(report.problems).toEqual([]);
  });
});
