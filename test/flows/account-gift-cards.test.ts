import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnGiftCardMoney } from '../../src/domain/payments';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomerAccount,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import { orderGiftCard, payGiftCardOrder } from '../support/gift-cards';

const PAGE = '/cuenta/tarjetas-regalo/';

/** The piece of the page that shows one card: up to the next card or the end of its section. */
function cardHtml(page: string, testId: string): string {
  const start = page.indexOf(`data-test="${testId}"`);
  expect(start, testId).toBeGreaterThan(-1);
  const ends = [page.indexOf('class="pack-card"', start), page.indexOf('</section>', start)].filter(
    (i) => i > -1,
  );
  return page.slice(start, Math.min(...ends));
}

/**
 * "Mis tarjetas de regalo" over HTTP: the buyer follows the cards they bought from pending to
 * issued; whoever owns the confirmed address a card was sent to sees its balance and history; nobody
 * else sees either, and the code is never on the page.
 */
describe('Mis tarjetas de regalo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: 'http://x' });

  async function customer(email?: string) {
    const account = await createCustomerAccount(db(), email ? { email } : {});
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  const orderCard = (client: TestClient, recipientEmail: string, amount = '20000') =>
    orderGiftCard(db(), client, { amount, recipientEmail, message: 'Para tu taller' });
  const payOrder = (client: TestClient, saleId: number) => payGiftCardOrder(db(), client, saleId);

  async function enroll(client: TestClient, priceClp: number) {
    const workshop = await createWorkshop(db(), {
      name: unique('Taller tarjeta '),
      startsAt: new Date(t.clock.now().getTime() + 10 * 24 * 3600_000).toISOString(),
      priceClp,
    });
    const res = await client.post(`/talleres/${workshop.id}/`, {});
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(enrollmentId).toBeGreaterThan(0);
    return enrollmentId;
  }

  it('shows the buyer the card they bought, pending until its order is paid and then vigente', async () => {
    const buyer = await customer();
    const empty = await buyer.client.get(PAGE);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Aún no has regalado tarjetas de regalo.');
    expect(empty.body).toContain('href="/tarjetas-regalo/"');
    expect(empty.body).toContain(`Aún no recibes tarjetas de regalo en ${buyer.user.email}.`);

    const recipient = `${unique('camila')}@example.cl`;
    const { saleId, cardId } = await orderCard(buyer.client, recipient);
    const pending = cardHtml((await buyer.client.get(PAGE)).body, `bought-card-${cardId}`);
    expect(pending).toContain('Para Camila Rojas');
    expect(pending).toContain(recipient);
    expect(pending).toContain('data-test="gift-card-state">Pendiente de pago');
    expect(pending).toContain('data-test="gift-card-amount">$20.000');
    expect(pending).toContain(`href="/pago/venta/${saleId}/"`);

    const code = await payOrder(buyer.client, saleId);
    const page = (await buyer.client.get(PAGE)).body;
    const issued = cardHtml(page, `bought-card-${cardId}`);
    expect(issued).toContain('data-test="gift-card-state">Vigente');
    expect(issued).toContain(`Código ••••-••••-${code.slice(-4)} · saldo $20.000`);
    expect(issued).toMatch(/vence el <span class="gift-card-account-date">\d{2}-\d{2}-\d{4}</);
    expect(issued).not.toContain(`href="/pago/venta/${saleId}/"`);
    expect(page).not.toContain(code);
    expect(page).not.toContain(code.slice(0, 4));
    // A card bought for someone else is not the buyer's to spend.
    expect(page).not.toContain(`received-card-${cardId}`);

    const unpaid = await orderCard(buyer.client, recipient, '5000');
    await buyer.client.post(`/pago/venta/${unpaid.saleId}/`, { accion_pago: 'anular' });
    const voided = cardHtml((await buyer.client.get(PAGE)).body, `bought-card-${unpaid.cardId}`);
    expect(voided).toContain('data-test="gift-card-state">Anulada');
    expect(voided).toContain('El pedido se anuló sin pagar: la tarjeta no se envió.');
  });

  it('shows the recipient the balance and the history of a card sent to their address, whatever its case', async () => {
    const recipient = await customer(`${unique('regalada')}@example.cl`);
    const buyer = await customer();
    const { saleId, cardId } = await orderCard(buyer.client, recipient.user.email);
    // The form stores addresses in lower case; a row written otherwise (an import) still matches.
    await db()
      .updateTable('giftCards')
      .set({ recipientEmail: recipient.user.email.toUpperCase() })
      .where('id', '=', cardId)
      .execute();
    // Not issued yet: nothing to show the recipient.
    expect((await recipient.client.get(PAGE)).body).not.toContain(`received-card-${cardId}`);
    const code = await payOrder(buyer.client, saleId);

    const first = cardHtml((await recipient.client.get(PAGE)).body, `received-card-${cardId}`);
    expect(first).toContain(`Tarjeta ••••-••••-${code.slice(-4)}`);
    expect(first).toContain('data-test="gift-card-balance">$20.000');
    expect(first).toContain('«Para tu taller»');
    expect(first).toContain('data-test="entry-issue"');
    expect(first).not.toContain(code);

    const paid = await enroll(recipient.client, 12000);
    expect(
      (await recipient.client.post(`/pago/${paid}/tarjeta-regalo/`, { codigo_tarjeta: code })).statusCode,
    ).toBe(303);
    const cancelled = await enroll(recipient.client, 3000);
    await recipient.client.post(`/pago/${cancelled}/tarjeta-regalo/`, { codigo_tarjeta: code });
    expect((await recipient.client.post(`/cuenta/inscripciones/${cancelled}/anular/`)).statusCode).toBe(303);
    // Already back on the card: the cancellation returned it; the job finds nothing left.
    expect(await returnGiftCardMoney(t.database, ctx())).toBe(0);
    // A kit order: the card's money is held for it, then the order is cancelled and it comes back.
    const kit = await createProduct(db(), { priceClp: 10000, stock: 2 });
    await recipient.client.post(`/carrito/add/${kit.id}/`, { cantidad: '1' });
    const order = Number(
      /^\/pago\/venta\/(\d+)\/$/.exec(
        String((await recipient.client.post('/carrito/checkout/')).headers.location),
      )?.[1],
    );
    await recipient.client.post(`/pago/venta/${order}/tarjeta-regalo/`, { codigo_tarjeta: code });
    await recipient.client.post(`/pago/venta/${order}/`, { accion_pago: 'anular' });
    const staffUser = await createUser(db(), { role: 'staff', name: 'Marta Staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    const adjusted = await staff.post(`/gestion/tarjetas-regalo/${cardId}/ajuste/`, {
      monto: '1.000',
      motivo: 'Compensación por taller suspendido',
    });
    expect(adjusted.statusCode).toBe(303);

    const page = (await recipient.client.get(PAGE)).body;
    const card = cardHtml(page, `received-card-${cardId}`);
    // 20.000 − 12.000 − 3.000 + 3.000 + 1.000
    expect(card).toContain('data-test="gift-card-balance">$9.000');
    expect(card).toContain('data-test="gift-card-state">Vigente');
    expect(card).toContain(`Pagó la inscripción #${paid}`);
    expect(card).toContain('−$12.000');
    expect(card).toContain(`Pagó la inscripción #${cancelled}`);
    expect(card).toContain(`Devolución de la inscripción #${cancelled}`);
    expect(card).toContain(`Reservado para el pedido #${order}`);
    expect(card).toContain(`Devuelto: se anuló el pedido #${order}`);
    expect(card).toContain('+$3.000');
    expect(card).toContain('Ajuste del equipo (Compensación por taller suspendido)');
    expect(card).toContain('+$20.000');
    expect(card).toMatch(/\d{2}-\d{2}-\d{4}/);
    expect(card).not.toContain('Marta Staff');
    // Newest first: the adjustment heads the history, the issue closes it.
    expect(card.indexOf('data-test="entry-adjustment"')).toBeLessThan(
      card.indexOf('data-test="entry-issue"'),
    );
  });

  it('shows a third customer neither the card bought nor the card received, and an unconfirmed address no card', async () => {
    const buyer = await customer();
    const recipient = await customer();
    const { saleId, cardId } = await orderCard(buyer.client, recipient.user.email);
    await payOrder(buyer.client, saleId);
    const third = await customer();
    const page = (await third.client.get(PAGE)).body;
    expect(page).not.toContain(`bought-card-${cardId}`);
    expect(page).not.toContain(`received-card-${cardId}`);
    expect(page).not.toContain(recipient.user.email);

    await db()
      .updateTable('users')
      .set({ emailVerifiedAt: null })
      .where('id', '=', recipient.user.id)
      .execute();
    const unconfirmed = (await recipient.client.get(PAGE)).body;
    expect(unconfirmed).not.toContain(`received-card-${cardId}`);
    expect(unconfirmed).toContain('Confirma tu correo para ver las tarjetas de regalo que te enviaron.');
  });

  it('sends an anonymous visitor to log in, and the profile links to the page', async () => {
    const anonymous = await new TestClient(t.app).get(PAGE);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login/?next=${encodeURIComponent(PAGE)}`);
    const s = await customer();
    expect((await s.client.get('/cuenta/perfil/')).body).toContain(`href="${PAGE}"`);
  });
});
