import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { sendDueEmails } from '../../src/domain/email/outbox.worker';
import { smtpTransport } from '../../src/domain/email/transport';
import { companionSeatsCheck } from '../../src/domain/enrollments';
import { giftCardLedgerCheck, giftCardPaymentsCheck } from '../../src/domain/gift-cards';
import { rebuildPaymentDays, returnGiftCardMoney } from '../../src/domain/payments';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { memoryLog } from '../support/email/fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../support/email/smtp-server';
import {
  createCustomerAccount,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import { buyGiftCard, CARD_CODE } from '../support/gift-cards';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"').replaceAll('&#x27;', "'"),
  );
}

/**
 * Gift cards over HTTP: bought in the shop for an amount, issued and e-mailed (over a real SMTP
 * server) when their order is paid, spent in whole or in part on enrollments and orders, given back
 * when an enrollment they paid is cancelled, and never able to buy another card.
 */
describe('gift cards over HTTP', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const db = () => t.database.db;
  const inTenDays = () => new Date(t.clock.now().getTime() + 10 * 24 * 3600_000).toISOString();
  const deliver = () =>
    sendDueEmails(
      { database: t.database, config: t.config, now: t.clock.now, log: memoryLog() },
      smtpTransport(smtp.url),
      { workerId: 'gift-cards', batchSize: 200 },
    );

  async function customer() {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  /** Buys a card over HTTP and pays its order with the simulated page; returns its sale and code. */
  const buyCard = (client: TestClient, amount: string, recipientEmail?: string) =>
    buyGiftCard(db(), client, {
      amount,
      message: '¡Feliz cumpleaños!',
      ...(recipientEmail ? { recipientEmail } : {}),
    });

  async function enroll(client: TestClient, priceClp: number, form: Record<string, string> = {}) {
    const workshop = await createWorkshop(db(), {
      name: unique('Taller regalo '),
      startsAt: inTenDays(),
      priceClp,
    });
    const res = await client.post(`/talleres/${workshop.id}/`, form);
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(enrollmentId).toBeGreaterThan(0);
    return enrollmentId;
  }

  const cardOfSale = (saleId: number) =>
    db()
      .selectFrom('giftCards')
      .select((eb) => [
        'giftCards.id',
        'giftCards.status',
        'giftCards.amountClp',
        'giftCards.expiresAt',
        'giftCards.issuedAt',
        eb.fn
          .coalesce(
            eb
              .selectFrom('giftCardEntries')
              .select((e) => e.fn.sum<number>('amountClp').as('s'))
              .whereRef('giftCardEntries.giftCardId', '=', 'giftCards.id'),
            sql<number>`0`,
          )
          .as('balance'),
      ])
      .where('giftCards.saleId', '=', saleId)
      .executeTakeFirstOrThrow();

  it('sells a card for an amount in whole thousands between $5.000 and $500.000', async () => {
    const s = await customer();
    const page = (await s.client.get('/tarjetas-regalo/')).body;
    expect(page).toContain('data-test="gift-card-purchase"');
    expect(page).toContain('Entre $5.000 y $500.000');
    expect((await s.client.get('/productos/')).body).toContain('href="/tarjetas-regalo/"');
    for (const monto of ['4000', '5500', '501000', 'mucho', '']) {
      const res = await s.client.post('/tarjetas-regalo/', {
        monto,
        nombre: 'Ana',
        correo: 'ana@example.cl',
      });
      expect(res.statusCode, monto).toBe(422);
      expect(res.body).toContain('Elige un monto entre $5.000 y $500.000, en miles de pesos.');
      if (monto) expect(res.body).toContain(`value="${monto}"`);
    }
    const noEmail = await s.client.post('/tarjetas-regalo/', {
      monto: '20000',
      nombre: 'Ana',
      correo: 'ana',
    });
    expect(noEmail.statusCode).toBe(422);
    expect(noEmail.body).toContain('Escribe un correo válido');
    const anonymous = await new TestClient(t.app).post('/tarjetas-regalo/', { monto: '20000' });
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toContain('/login/');
  });

  it('issues the card only when its order is paid and e-mails the recipient the code and the printable page', async () => {
    const s = await customer();
    const recipient = `${unique('camila')}@example.cl`;
    const res = await s.client.post('/tarjetas-regalo/', {
      monto: '$40.000',
      nombre: 'Camila Rojas',
      correo: recipient,
      mensaje: '¡Feliz cumpleaños!',
    });
    expect(res.statusCode).toBe(303);
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    const payPage = await s.client.follow(res);
    expect(flashes(payPage.body).join(' ')).toContain('Tu tarjeta de regalo de $40.000 para Camila Rojas');
    expect(payPage.body).toContain('data-test="sale-total">$40.000');
    expect(payPage.body).toContain('data-test="gift-card-refusal"');
    expect(payPage.body).toContain('Una tarjeta de regalo no se puede pagar con otra tarjeta de regalo');
    expect(payPage.body).not.toContain('data-test="gift-card-form"');
    expect(payPage.body).not.toContain('Retiro en el taller');

    const pending = await cardOfSale(saleId);
    expect(pending).toMatchObject({ status: 'PENDIENTE', amountClp: 40000, issuedAt: null });
    expect(Number(pending.balance)).toBe(0);
    await deliver();
    expect(smtp.received.filter((r) => r.envelopeTo[0] === recipient)).toHaveLength(0);

    expect((await s.client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' })).statusCode).toBe(303);
    const issued = await cardOfSale(saleId);
    expect(issued.status).toBe('ACTIVA');
    expect(Number(issued.balance)).toBe(40000);
    // Valid two years from the payment.
    expect(new Date(issued.expiresAt!).getTime() - t.clock.now().getTime()).toBe(730 * 24 * 3600_000);
    const sale = await db()
      .selectFrom('sales')
      .select(['status', 'fulfilmentStatus'])
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale).toEqual({ status: 'PAGADO', fulfilmentStatus: 'ENTREGADO' });

    await deliver();
    const mails = smtp.received.filter((r) => r.envelopeTo[0] === recipient).map((r) => r.mail);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Cliente con Cuenta te regaló una tarjeta de regalo de $40.000');
    expect(mail.text).toContain('¡Feliz cumpleaños!');
    const code = CARD_CODE.exec(mail.text)![0];
    const link = /https?:\/\/[^\s]+\/tarjetas-regalo\/([A-Za-z0-9_-]+)\//.exec(mail.text);
    expect(link).not.toBeNull();
    // Neither the code nor the page's token is stored: only their hashes.
    const stored = await db()
      .selectFrom('giftCards')
      .selectAll()
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', ''));
    expect(JSON.stringify(stored)).not.toContain(link![1]);
    expect(stored.codeLast4).toBe(code.slice(-4));

    const printable = await new TestClient(t.app).get(`/tarjetas-regalo/${link![1]}/`);
    expect(printable.statusCode).toBe(200);
    expect(printable.body).toContain(`data-test="gift-card-code">${code}`);
    expect(printable.body).toContain('data-test="gift-card-amount">$40.000');
    expect(printable.body).toContain('¡Feliz cumpleaños!');
    expect(printable.body).toContain('Para <strong>Camila Rojas</strong>');
    expect(String(printable.headers['cache-control'])).toContain('no-store');
    expect((await new TestClient(t.app).get('/tarjetas-regalo/AAAAAAAAAAAAAAAAAAAAAAAA/')).statusCode).toBe(
      404,
    );

    // Staff reading the e-mail log see the card masked, as everywhere else: the code spends it.
    const outbox = await db()
      .selectFrom('emailOutbox')
      .select('id')
      .where('saleId', '=', saleId)
      .where('template', '=', 'gift_card_issued')
      .executeTakeFirstOrThrow();
    const staffUser = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    for (const path of [`/gestion/correos/${outbox.id}/`, `/gestion/correos/${outbox.id}/vista/`]) {
      const logged = await staff.get(path);
      expect(logged.statusCode).toBe(200);
      expect(logged.body).not.toContain(code);
      expect(logged.body).not.toContain(link![1]);
      expect(logged.body).toContain(`••••-••••-${code.slice(-4)}`);
      expect(logged.body).toContain('¡Feliz cumpleaños!');
    }
  });

  it('pays part of an enrollment with a card and the rest stays to pay; an empty card is refused', async () => {
    const buyer = await customer();
    const { code } = await buyCard(buyer.client, '20000');
    const s = await customer();
    const enrollmentId = await enroll(s.client, 30000);
    const page = (await s.client.get(`/pago/${enrollmentId}/`)).body;
    expect(page).toContain('data-test="gift-card-form"');

    const res = await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, {
      codigo_tarjeta: code.toLowerCase().replaceAll('-', ' '),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${enrollmentId}/`);
    const after = await s.client.follow(res);
    expect(flashes(after.body)).toContain('Tu tarjeta de regalo pagó $20.000. Te falta pagar $10.000.');
    expect(after.body).toContain('data-test="balance">$10.000');
    const enrollment = await db()
      .selectFrom('enrollments')
      .select(['status', 'amountPaidClp'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(enrollment).toEqual({ status: 'ABONADO', amountPaidClp: 20000 });
    const payment = await db()
      .selectFrom('payments')
      .select(['method', 'amountClp', 'reference'])
      .where('enrollmentId', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({
      method: 'tarjeta_regalo',
      amountClp: 20000,
      reference: `Tarjeta de regalo ••••${code.slice(-4)}`,
    });

    const again = await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(again.statusCode).toBe(303);
    expect(flashes((await s.client.follow(again)).body)).toContain(
      'Esta tarjeta de regalo ya no tiene saldo.',
    );
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('pays a whole enrollment with a card that covers it and keeps the rest on the card', async () => {
    const { code, saleId } = await buyCard((await customer()).client, '50000');
    const s = await customer();
    const enrollmentId = await enroll(s.client, 30000);
    const res = await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    const after = await s.client.follow(res);
    expect(flashes(after.body)).toContain(
      'Tu tarjeta de regalo pagó $30.000. Tu inscripción quedó pagada. Saldo de la tarjeta: $20.000.',
    );
    expect(after.body).toContain('data-test="payment-done"');
    expect(Number((await cardOfSale(saleId)).balance)).toBe(20000);
  });

  it('refuses a mistyped code and another customer’s enrollment, changing nothing', async () => {
    const { code, saleId } = await buyCard((await customer()).client, '10000');
    const s = await customer();
    const enrollmentId = await enroll(s.client, 15000);
    const wrong = await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, {
      codigo_tarjeta: 'ABCD-EFGH-JKMN',
    });
    expect(flashes((await s.client.follow(wrong)).body).join(' ')).toContain(
      'No encontramos una tarjeta de regalo con ese código.',
    );
    const blank = await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: '' });
    expect(blank.statusCode).toBe(303);
    const stranger = await customer();
    const other = await stranger.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, {
      codigo_tarjeta: code,
    });
    expect(other.statusCode).toBe(404);
    expect(Number((await cardOfSale(saleId)).balance)).toBe(10000);
  });

  it('pays part of a kit order with a card (the rest with the simulated page) and a whole one', async () => {
    const { code, saleId: cardSale } = await buyCard((await customer()).client, '20000');
    const s = await customer();
    const kit = await createProduct(db(), { priceClp: 12000, stock: 5 });
    const big = await createProduct(db(), { priceClp: 25000, stock: 5 });

    await s.client.post(`/carrito/add/${big.id}/`, { cantidad: '1' });
    const bigOrder = await s.client.post('/carrito/checkout/');
    const bigId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(bigOrder.headers.location))?.[1]);
    expect((await s.client.get(`/pago/venta/${bigId}/`)).body).toContain('data-test="gift-card-form"');
    const part = await s.client.post(`/pago/venta/${bigId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    const partPage = (await s.client.follow(part)).body;
    expect(flashes(partPage)).toContain('Tu tarjeta de regalo pagó $20.000. Te falta pagar $5.000.');
    expect(partPage).toMatch(/data-test="sale-rest">\s*\$5\.000/);
    expect(partPage).toContain('Pagar $5.000');
    expect(
      await db()
        .selectFrom('sales')
        .select(['status', 'giftCardClp'])
        .where('id', '=', bigId)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'PENDIENTE',
      giftCardClp: 20000,
    });
    expect(Number((await cardOfSale(cardSale)).balance)).toBe(0);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);

    await s.client.post(`/pago/venta/${bigId}/`, { accion_pago: 'pagar' });
    const payments = await db()
      .selectFrom('payments')
      .select(['kind', 'amountClp', 'method'])
      .where('saleId', '=', bigId)
      .orderBy('id')
      .execute();
    expect(payments).toEqual([
      { kind: 'PAYMENT', amountClp: 20000, method: 'tarjeta_regalo' },
      { kind: 'PAYMENT', amountClp: 5000, method: 'simulado' },
    ]);
    const receipt = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('saleId', '=', bigId)
      .where('template', '=', 'order_receipt')
      .executeTakeFirstOrThrow();
    expect(receipt.bodyText).toContain('Pagado con tarjeta de regalo');
    expect(receipt.bodyText).toContain('$20.000');
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);

    const { code: second, saleId: secondSale } = await buyCard((await customer()).client, '20000');
    await s.client.post(`/carrito/add/${kit.id}/`, { cantidad: '1' });
    const order = await s.client.post('/carrito/checkout/');
    const orderId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(order.headers.location))?.[1]);
    const paid = await s.client.post(`/pago/venta/${orderId}/tarjeta-regalo/`, { codigo_tarjeta: second });
    expect(flashes((await s.client.follow(paid)).body)).toContain(
      `Tu tarjeta de regalo pagó $12.000. Tu pedido #${orderId} está pagado. Saldo de la tarjeta: $8.000.`,
    );
    const sale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PAGADO');
    expect(Number((await cardOfSale(secondSale)).balance)).toBe(8000);
    const empty = await s.client.post(`/pago/venta/${orderId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(flashes((await s.client.follow(empty)).body)).toContain('Este pedido ya fue pagado.');
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('refuses to pay a gift card with a gift card', async () => {
    const { code } = await buyCard((await customer()).client, '50000');
    const s = await customer();
    const res = await s.client.post('/tarjetas-regalo/', {
      monto: '10000',
      nombre: 'Luis',
      correo: 'luis@example.cl',
    });
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    const refused = await s.client.post(`/pago/venta/${saleId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(refused.statusCode).toBe(303);
    expect(flashes((await s.client.follow(refused)).body)).toContain(
      'Una tarjeta de regalo no se puede pagar con otra tarjeta de regalo. Paga este pedido con otro medio de pago.',
    );
    const sale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PENDIENTE');
    // Nor sold for less than its face value with a discount code.
    expect((await s.client.get(`/pago/venta/${saleId}/`)).body).not.toContain('data-test="discount-form"');
    const discounted = await s.client.post(`/pago/venta/${saleId}/codigo/`, { codigo: 'CUALQUIERA' });
    expect(flashes((await s.client.follow(discounted)).body)).toContain(
      'Los códigos de descuento no se aplican a las tarjetas de regalo.',
    );
  });

  it('gives what a card paid back to the card when the customer cancels before the cut-off', async () => {
    const { code, saleId } = await buyCard((await customer()).client, '10000');
    const s = await customer();
    const enrollmentId = await enroll(s.client, 25000);
    await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    await db()
      .insertInto('payments')
      .values({
        enrollmentId,
        amountClp: 5000,
        method: 'efectivo',
        reference: 'EF-1',
        paidAt: t.clock.now().toISOString(),
      })
      .execute();
    await db()
      .updateTable('enrollments')
      .set({ amountPaidClp: 15000 })
      .where('id', '=', enrollmentId)
      .execute();
    expect(Number((await cardOfSale(saleId)).balance)).toBe(0);

    const cancel = await s.client.post(`/cuenta/inscripciones/${enrollmentId}/anular/`);
    expect(cancel.statusCode).toBe(303);
    // Back on the card in the cancelling request; the cash is for staff to give back.
    expect(flashes((await s.client.follow(cancel)).body).join(' ')).toContain(
      'Devolvimos $10.000 a tu tarjeta de regalo. Te devolveremos $5.000',
    );
    expect(Number((await cardOfSale(saleId)).balance)).toBe(10000);
    const enrollment = await db()
      .selectFrom('enrollments')
      .select(['refundDueClp', 'amountPaidClp'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    // The card's share went back to it; the cash stays owed for staff to give back.
    expect(enrollment).toEqual({ refundDueClp: 5000, amountPaidClp: 5000 });
    const refund = await db()
      .selectFrom('payments')
      .select(['method', 'amountClp'])
      .where('enrollmentId', '=', enrollmentId)
      .where('kind', '=', 'REFUND')
      .execute();
    expect(refund).toEqual([{ method: 'tarjeta_regalo', amountClp: 10000 }]);
    // Once: a second pass finds nothing.
    expect(
      await returnGiftCardMoney(t.database, { now: t.clock.now(), actor: null, publicUrl: 'http://x' }),
    ).toBe(0);
    // The card spends again.
    const next = await enroll(s.client, 8000);
    const paid = await s.client.post(`/pago/${next}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(flashes((await s.client.follow(paid)).body).join(' ')).toContain('Saldo de la tarjeta: $2.000.');
  });

  it("gives a companion's share back to the card that paid it, the booking staying active", async () => {
    const { code, saleId } = await buyCard((await customer()).client, '50000');
    const s = await customer();
    const enrollmentId = await enroll(s.client, 20000, { cupos: '2', acompanante2: 'Beto' });
    await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(Number((await cardOfSale(saleId)).balance)).toBe(10000);
    const companion = await db()
      .selectFrom('enrollmentCompanions')
      .select('id')
      .where('enrollmentId', '=', enrollmentId)
      .executeTakeFirstOrThrow();

    const res = await s.client.post(
      `/cuenta/inscripciones/${enrollmentId}/acompanantes/${companion.id}/anular/`,
    );
    expect(res.statusCode).toBe(303);
    expect(flashes((await s.client.follow(res)).body).join(' ')).toContain(
      'Devolvimos $20.000 a tu tarjeta de regalo.',
    );
    expect(Number((await cardOfSale(saleId)).balance)).toBe(30000);
    expect(
      await returnGiftCardMoney(t.database, { now: t.clock.now(), actor: null, publicUrl: 'http://x' }),
    ).toBe(0);
    expect(
      await db()
        .selectFrom('enrollments')
        .select(['status', 'seats', 'amountDueClp', 'amountPaidClp', 'refundDueClp'])
        .where('id', '=', enrollmentId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'PAGADO', seats: 1, amountDueClp: 20000, amountPaidClp: 20000, refundDueClp: 0 });
    // The card's and the seats' checks (earlier tests write payments the daily summary never saw).
    for (const check of [giftCardLedgerCheck, giftCardPaymentsCheck, companionSeatsCheck])
      expect(await check.run(db(), t.clock.now())).toEqual([]);
  });

  it('has tmm check report a card below zero and a card payment without its ledger entry', async () => {
    const { saleId } = await buyCard((await customer()).client, '5000');
    const card = await cardOfSale(saleId);
    const s = await customer();
    const enrollmentId = await enroll(s.client, 9000);
    const payment = await db()
      .insertInto('payments')
      .values({
        enrollmentId,
        amountClp: 9000,
        method: 'tarjeta_regalo',
        reference: 'a mano',
        paidAt: t.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const checks = async () =>
      (await runConsistencyChecks(db(), t.clock.now())).problems.filter((p) =>
        p.includes('arjeta de regalo'),
      );
    expect(await checks()).toContain(
      `Pago #${payment.id} con tarjeta de regalo: no tiene su movimiento en el libro de la tarjeta.`,
    );
    await db()
      .insertInto('giftCardEntries')
      .values({
        giftCardId: card.id,
        kind: 'redeem',
        amountClp: -9000,
        paymentId: payment.id,
        createdAt: t.clock.now().toISOString(),
      })
      .execute();
    expect(await checks()).toEqual([`Tarjeta de regalo #${card.id}: saldo negativo (-4000).`]);
    await db().deleteFrom('giftCardEntries').where('paymentId', '=', payment.id).execute();
    await db().deleteFrom('paymentDays').execute();
    await db().deleteFrom('payments').where('id', '=', payment.id).execute();
    await rebuildPaymentDays(db());
  });

  it('gives a card its money back at once when staff cancel one enrollment it paid', async () => {
    const { code, saleId } = await buyCard((await customer()).client, '30000');
    const s = await customer();
    const workshop = await createWorkshop(db(), {
      name: unique('Taller anulado '),
      startsAt: inTenDays(),
      priceClp: 12000,
    });
    const enrolled = await s.client.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(enrolled.headers.location))?.[1]);
    await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(Number((await cardOfSale(saleId)).balance)).toBe(18000);

    const user = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
    const res = await staff.post(`/gestion/talleres/${workshop.id}/inscripciones/${enrollmentId}/anular/`);
    expect(flashes((await staff.follow(res)).body).join(' ')).toContain(
      'Inscripción anulada y cupo liberado. Volvieron $12.000 a la tarjeta de regalo.',
    );
    expect(Number((await cardOfSale(saleId)).balance)).toBe(30000);
  });

  it('gives a card its money back when staff call the whole workshop off', async () => {
    const { code, saleId } = await buyCard((await customer()).client, '25000');
    const s = await customer();
    const workshop = await createWorkshop(db(), {
      name: unique('Taller suspendido '),
      startsAt: inTenDays(),
      priceClp: 20000,
    });
    const enrolled = await s.client.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(enrolled.headers.location))?.[1]);
    await s.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect(Number((await cardOfSale(saleId)).balance)).toBe(5000);

    const user = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
    const cancelled = await staff.post(`/gestion/talleres/${workshop.id}/cancelar/`, { confirmar: 'si' });
    expect(cancelled.statusCode).toBe(303);
    await returnGiftCardMoney(t.database, { now: t.clock.now(), actor: null, publicUrl: 'http://x' });
    expect(Number((await cardOfSale(saleId)).balance)).toBe(25000);
    const enrollment = await db()
      .selectFrom('enrollments')
      .select(['status', 'refundDueClp'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(enrollment).toEqual({ status: 'ANULADO', refundDueClp: 0 });
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('voids the pending card of an order cancelled unpaid', async () => {
    const s = await customer();
    const res = await s.client.post('/tarjetas-regalo/', {
      monto: '15000',
      nombre: 'Ana',
      correo: 'ana@example.cl',
    });
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    await s.client.post(`/pago/venta/${saleId}/`, { accion_pago: 'anular' });
    expect((await cardOfSale(saleId)).status).toBe('ANULADA');
  });
});
