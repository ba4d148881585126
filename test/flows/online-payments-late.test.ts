import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { jobs } from '../../src/jobs';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * A payment that the provider approves after the seat hold or the order lapsed: it counts when the
 * seat or the stock is still free, and otherwise goes back by itself, with the customer and staff
 * told. Also: two attempts for one enrollment both paid, and an automatic refund that fails first.
 */
describe('late and surplus online payments', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const runJob = async (name: string) => {
    const job = jobs.find((j) => j.name === name)!;
    await job.run({
      database: h.t.database,
      config: h.t.config,
      now: h.t.clock.now,
      log: { info: () => {}, error: () => {} },
    });
  };
  const enrollmentRow = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const seats = async (workshopId: number) =>
    db()
      .selectFrom('workshops')
      .select(['seatsTaken', 'seatsHeld'])
      .where('id', '=', workshopId)
      .executeTakeFirstOrThrow();
  const stockOf = async (id: number) =>
    (await db().selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
  const problemsAbout = async (needle: string) =>
    (await runConsistencyChecks(db(), h.ctx().now)).problems.filter((p) => p.includes(needle));

  it('confirms a Webpay payment that arrives after the hold lapsed when the seat is still free', async () => {
    const { client } = await h.customer();
    const { enrollmentId, workshopId } = await h.enroll(client, { unpaidExpiryHours: 1, totalSeats: 3 });
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    h.t.clock.advanceHours(2);
    await runJob('expire-unpaid-enrollments');
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'ANULADO' });
    expect(await seats(workshopId)).toEqual({ seatsTaken: 0, seatsHeld: 0 });

    const { page } = await h.back(client, navigation);
    expect(pageText(page.body)).toContain('¡Pago aprobado!');
    expect(await enrollmentRow(enrollmentId)).toMatchObject({
      status: 'PAGADO',
      amountPaidClp: 45000,
      cancelledAt: null,
      expiresAt: null,
    });
    expect(await seats(workshopId)).toEqual({ seatsTaken: 1, seatsHeld: 0 });
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'webpay', attemptId },
    ]);
    expect(await problemsAbout(`#${attemptId} `)).toEqual([]);
    expect(
      (await runConsistencyChecks(db(), h.ctx().now)).problems.filter(
        (p) => p.includes('cupos') || p.includes(`Inscripción #${enrollmentId}`),
      ),
    ).toEqual([]);
  });

  it('gives the money back when the lapsed seat went to someone else, and tells the customer and staff', async () => {
    const { client, email } = await h.customer();
    const { enrollmentId, workshopId } = await h.enroll(client, { unpaidExpiryHours: 1, totalSeats: 1 });
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    h.t.clock.advanceHours(2);
    await runJob('expire-unpaid-enrollments');
    const other = await h.customer();
    const taken = await other.client.post(`/talleres/${workshopId}/`);
    expect(taken.statusCode).toBe(303);

    const { page } = await h.back(client, navigation);
    const text = pageText(page.body);
    expect(text).toContain('Devolvimos tu pago');
    expect(text).toContain('Por eso lo devolvimos completo');
    const attempt = await h.attempt(attemptId);
    expect(attempt).toMatchObject({ state: 'refunded', issue: 'auto_refunded', refundedClp: 45000 });
    expect(attempt.issueDetail).toBe('El cupo ya fue tomado por otra persona.');
    expect(h.webpay.transactions.get(token)).toMatchObject({ status: 'REVERSED', balance: 0 });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({
      status: 'ANULADO',
      amountPaidClp: 0,
      refundDueClp: 0,
    });
    expect(await seats(workshopId)).toEqual({ seatsTaken: 1, seatsHeld: 0 });
    expect(await h.ledger({ enrollmentId })).toEqual([]);
    const told = (await h.outbox('late_payment_refunded')).filter((m) => m.toAddress === email);
    expect(told.map((m) => m.subject)).toEqual(['Te devolvimos tu pago de $45.000']);
    expect(told[0]!.bodyText).toContain('el cupo ya fue tomado por otra persona.');
    const alerts = (await h.outbox('payment_alert')).filter((m) => m.bodyText.includes(attempt.buyOrder));
    expect(alerts.map((m) => m.subject)).toEqual(['Pagos en línea: Pago devuelto automáticamente']);
    expect(await problemsAbout(attempt.buyOrder)).toEqual([]);
  });

  it('never reinstates an enrollment the customer cancelled on purpose: the money goes back', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client, { unpaidExpiryHours: 24 });
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    const cancelled = await client.post(`/cuenta/inscripciones/${enrollmentId}/anular/`);
    expect(cancelled.statusCode).toBe(303);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'ANULADO', expiresAt: null });
    await h.back(client, navigation);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'refunded', issue: 'auto_refunded' });
    expect((await h.attempt(attemptId)).issueDetail).toBe(
      'La inscripción fue anulada antes de que llegara el pago.',
    );
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'ANULADO' });
  });

  it('confirms a late Mercado Pago payment of a lapsed order when the stock is still there, and refunds one whose stock is gone', async () => {
    const { client } = await h.customer();
    const free = await h.checkout(client, [{ priceClp: 10000, stock: 3, quantity: 2 }]);
    const gone = await h.checkout(client, [{ priceClp: 8000, stock: 1, quantity: 1 }]);
    const attempts = [];
    for (const order of [free, gone]) {
      const started = await h.start(client, `/pago/venta/${order.saleId}/`, 'mercadopago');
      // The webhook is late: Mercado Pago cannot reach us while the order lapses.
      const preference = h.mp.preferences.get(started.token)!;
      const notificationUrl = preference.request.notification_url as string;
      preference.request.notification_url = 'http://127.0.0.1:9/nadie';
      await h.mp.browse(started.token, 'approve');
      await h.mp.flushWebhooks();
      const payment = [...h.mp.payments.values()].find((p) => p.preferenceId === started.token)!;
      payment.notificationUrl = notificationUrl;
      attempts.push({ ...started, paymentId: payment.id });
    }
    h.t.clock.advanceHours(3);
    await runJob('shop-order-expiry');
    expect(await stockOf(free.productIds[0]!)).toBe(3);
    expect(await stockOf(gone.productIds[0]!)).toBe(1);
    // Someone else buys the last unit of the second kit.
    const other = await h.customer();
    await other.client.post(`/carrito/add/${gone.productIds[0]}/`, { cantidad: '1' });
    expect((await other.client.post('/carrito/checkout/')).statusCode).toBe(303);

    for (const a of attempts) expect((await h.mp.sendWebhook(a.paymentId)).status).toBe(200);

    const [confirmed, refunded] = attempts;
    expect(await h.attempt(confirmed!.attemptId)).toMatchObject({ state: 'authorized', issue: null });
    const freeSale = await db()
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', free.saleId)
      .executeTakeFirstOrThrow();
    expect(freeSale).toMatchObject({ status: 'PAGADO', cancelledAt: null });
    expect(await stockOf(free.productIds[0]!)).toBe(1);
    expect(await h.ledger({ saleId: free.saleId })).toHaveLength(1);

    expect(await h.attempt(refunded!.attemptId)).toMatchObject({ state: 'refunded', issue: 'auto_refunded' });
    expect((await h.attempt(refunded!.attemptId)).issueDetail).toBe(
      'El pedido venció y sus productos ya no están disponibles.',
    );
    expect(h.mp.payments.get(refunded!.paymentId)).toMatchObject({ status: 'refunded' });
    const goneSale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', gone.saleId)
      .executeTakeFirstOrThrow();
    expect(goneSale.status).toBe('ANULADO');
    expect(await stockOf(gone.productIds[0]!)).toBe(0);
    expect(await h.ledger({ saleId: gone.saleId })).toEqual([]);
    const shop = (await runConsistencyChecks(db(), h.ctx().now)).problems.filter((p) =>
      p.startsWith('Venta #'),
    );
    expect(shop).toEqual([]);
  });

  it('keeps one payment when two tabs paid the same enrollment, and gives the second one back', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const first = await h.start(client, `/pago/${enrollmentId}/`, 'mercadopago');
    const second = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    const webpayBack = await h.webpay.browse(second.token, 'approve');
    // The Mercado Pago tab pays first (its webhook lands), then the Webpay tab comes back.
    const mercadoPagoBack = await h.mp.browse(first.token, 'approve');
    await h.mp.flushWebhooks();
    expect(pageText((await h.back(client, mercadoPagoBack!)).page.body)).toContain('¡Pago aprobado!');
    const { page } = await h.back(client, webpayBack);
    expect(pageText(page.body)).toContain('Devolvimos tu pago');
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 45000, method: 'mercadopago', attemptId: first.attemptId },
    ]);
    expect(await h.attempt(second.attemptId)).toMatchObject({ state: 'refunded', issue: 'auto_refunded' });
    expect((await h.attempt(second.attemptId)).issueDetail).toBe('Esta inscripción ya fue pagada.');
    expect(h.webpay.transactions.get(second.token)).toMatchObject({ status: 'REVERSED' });
  });

  it('retries an automatic refund the provider failed, telling the customer once that it is on its way', async () => {
    const { client, email } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    // A Webpay attempt started in one tab; the simulated page paid in another meanwhile.
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'webpay');
    await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    h.webpay.failNext(1, 503, /^POST .*\/refunds$/);
    const { page } = await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(pageText(page.body)).toContain('Vamos a devolver tu pago');
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized', issue: 'refund_pending' });
    expect(
      (await h.outbox('late_payment_refunded')).filter((m) => m.toAddress === email).map((m) => m.subject),
    ).toEqual(['Vamos a devolver tu pago']);
    const pending = await problemsAbout(`#${attemptId} `);
    expect(pending).toEqual([expect.stringContaining('la devolución automática sigue pendiente')]);

    // The lease holds it for a few minutes; then the sweeper tries again, and succeeds.
    await h.sweep();
    expect(await h.attempt(attemptId)).toMatchObject({ issue: 'refund_pending' });
    h.t.clock.advanceHours(0.25);
    await h.sweep();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'refunded', issue: 'auto_refunded' });
    expect(
      (await h.outbox('late_payment_refunded')).filter((m) => m.toAddress === email).map((m) => m.subject),
    ).toEqual(['Vamos a devolver tu pago', 'Te devolvimos tu pago de $45.000']);
    expect(await problemsAbout(`#${attemptId} `)).toEqual([]);
  });

  it('settles a Mercado Pago payment that arrives after the sweeper gave its attempt up', async () => {
    const { client } = await h.customer();
    const { enrollmentId } = await h.enroll(client);
    const { attemptId, token } = await h.start(client, `/pago/${enrollmentId}/`, 'mercadopago');
    h.t.clock.advanceHours(24 * 4);
    for (let i = 0; i < 3; i++) {
      await h.sweep();
      h.t.clock.advanceHours(2);
    }
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'expired' });
    await h.mp.browse(token, 'approve');
    await h.mp.flushWebhooks();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO' });
  });
});
