import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { jobs } from '../../src/jobs';
import type { TestClient } from '../support/client';
import { createCode } from '../support/discounts';
import { buyGiftCard, giftCardBalance } from '../support/gift-cards';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) => m[1]!);
}

/**
 * A gift card pays all or part of a kit order (issue 17 part 4). An order is paid in one go, so a
 * card's money is held for it until the rest is paid — by Webpay or Mercado Pago (through the
 * official SDKs against their local fakes, which must be asked for the rest only), the simulated
 * page or staff — and goes back to the card when the order is cancelled or lapses.
 */
describe('gift cards paying kit orders', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('simulated', 'webpay', 'mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const problems = async () => (await runConsistencyChecks(db(), h.ctx().now)).problems;

  /** A card bought by someone else and paid on the simulated page. */
  async function card(amount: string) {
    const { client } = await h.customer();
    const { cardId, code } = await buyGiftCard(db(), client, { amount });
    return { code, id: cardId };
  }

  const balance = (giftCardId: number) => giftCardBalance(db(), giftCardId);
  const saleRow = (id: number) =>
    db()
      .selectFrom('sales')
      .select(['status', 'giftCardClp', 'totalClp'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const useCard = async (client: TestClient, saleId: number, code: string) =>
    flashes(
      (
        await client.follow(
          await client.post(`/pago/venta/${saleId}/tarjeta-regalo/`, { codigo_tarjeta: code }),
        )
      ).body,
    );

  const expireOrders = () =>
    jobs
      .find((j) => j.name === 'shop-order-expiry')!
      .run({
        database: h.t.database,
        config: h.t.config,
        now: h.t.clock.now,
        log: { info: () => {}, error: () => {} },
      });

  it('asks Webpay for the rest only, and records the card and Webpay as the order’s payments', async () => {
    const gift = await card('20000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 35000 }]);
    expect(await useCard(client, saleId, gift.code)).toContain(
      'Tu tarjeta de regalo pagó $20.000. Te falta pagar $15.000.',
    );
    const page = pageText((await client.get(`/pago/venta/${saleId}/`)).body);
    expect(page).toContain('Tu tarjeta de regalo paga $20.000. Te falta pagar $15.000');

    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    expect((await h.attempt(attemptId)).amountClp).toBe(15000);
    expect([...h.webpay.transactions.values()].find((tx) => tx.token === token)!.amount).toBe(15000);
    const { page: result } = await h.back(client, await h.webpay.browse(token, 'approve'));
    expect(pageText(result.body)).toContain('Recibimos tu pago de $15.000 con Webpay');
    expect(await saleRow(saleId)).toEqual({ status: 'PAGADO', giftCardClp: 20000, totalClp: 35000 });
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 20000, method: 'tarjeta_regalo', attemptId: null },
      { kind: 'PAYMENT', amountClp: 15000, method: 'webpay', attemptId },
    ]);
    expect(await balance(gift.id)).toBe(0);
    expect(await problems()).toEqual([]);
  });

  it('asks Mercado Pago for the rest only', async () => {
    const gift = await card('5000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 12000 }]);
    await useCard(client, saleId, gift.code);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'mercadopago');
    const items = h.mp.preferences.get(token)!.request.items as { unit_price: number; quantity: number }[];
    expect(items.reduce((sum, i) => sum + i.unit_price * i.quantity, 0)).toBe(7000);
    await h.mp.browse(token, 'approve');
    await h.mp.flushWebhooks();
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized' });
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 5000, method: 'tarjeta_regalo', attemptId: null },
      { kind: 'PAYMENT', amountClp: 7000, method: 'mercadopago', attemptId },
    ]);
    expect(await problems()).toEqual([]);
  });

  it('gives back a provider payment started before a card was applied, and takes the rest after', async () => {
    const gift = await card('10000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 30000 }]);
    const first = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    expect((await h.attempt(first.attemptId)).amountClp).toBe(30000);
    // In another tab the customer uses a card before finishing at Webpay.
    await useCard(client, saleId, gift.code);
    await h.back(client, await h.webpay.browse(first.token, 'approve'));
    expect(await h.attempt(first.attemptId)).toMatchObject({
      state: 'refunded',
      issue: 'auto_refunded',
      issueDetail: 'El monto por pagar del pedido cambió después de iniciar el pago.',
    });
    expect(await saleRow(saleId)).toEqual({ status: 'PENDIENTE', giftCardClp: 10000, totalClp: 30000 });
    expect(await h.ledger({ saleId })).toEqual([]);

    const second = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    await h.back(client, await h.webpay.browse(second.token, 'approve'));
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 10000, method: 'tarjeta_regalo', attemptId: null },
      { kind: 'PAYMENT', amountClp: 20000, method: 'webpay', attemptId: second.attemptId },
    ]);
    expect(await problems()).toEqual([]);
  });

  it('pays an order with two cards, the second paying the rest', async () => {
    const [one, two] = [await card('10000'), await card('10000')];
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 16000 }]);
    expect(await useCard(client, saleId, one.code)).toContain(
      'Tu tarjeta de regalo pagó $10.000. Te falta pagar $6.000.',
    );
    expect(await useCard(client, saleId, two.code)).toContain(
      `Tu tarjeta de regalo pagó $6.000. Tu pedido #${saleId} está pagado. Saldo de la tarjeta: $4.000.`,
    );
    expect(await saleRow(saleId)).toEqual({ status: 'PAGADO', giftCardClp: 16000, totalClp: 16000 });
    expect((await h.ledger({ saleId })).map((p) => [p.method, p.amountClp])).toEqual([
      ['tarjeta_regalo', 10000],
      ['tarjeta_regalo', 6000],
    ]);
    expect([await balance(one.id), await balance(two.id)]).toEqual([0, 4000]);
    expect(await problems()).toEqual([]);
  });

  it('gives a card back what it held when the customer or staff cancel the order, or it lapses', async () => {
    const { client } = await h.customer();
    const gifts = [await card('10000'), await card('10000'), await card('10000')];
    const orders = [];
    for (const gift of gifts) {
      const { saleId, productIds } = await h.checkout(client, [{ priceClp: 25000, stock: 3 }]);
      await useCard(client, saleId, gift.code);
      expect(await balance(gift.id)).toBe(0);
      orders.push({ saleId, productId: productIds[0]! });
    }
    const [byCustomer, byStaff] = orders; // the third one lapses

    const page = await client.get(`/gestion/ventas/${byStaff!.saleId}/`);
    expect(page.statusCode).toBe(403);
    const staffPage = pageText((await h.staff.get(`/gestion/ventas/${byStaff!.saleId}/`)).body);
    expect(staffPage).toContain('Retenido en tarjeta de regalo');
    expect(staffPage).toContain('Registrar pago de $15.000');
    expect(staffPage).toContain('Una tarjeta de regalo retiene $10.000');

    await client.post(`/pago/venta/${byCustomer!.saleId}/`, { accion_pago: 'anular' });
    expect((await h.staff.post(`/gestion/ventas/${byStaff!.saleId}/anular/`)).statusCode).toBe(303);
    h.t.clock.advanceHours(3);
    await expireOrders();

    for (const [i, order] of orders.entries()) {
      expect(await saleRow(order.saleId)).toEqual({ status: 'ANULADO', giftCardClp: 0, totalClp: 25000 });
      expect(await balance(gifts[i]!.id)).toBe(10000);
      expect(await h.ledger({ saleId: order.saleId })).toEqual([]);
    }
    const ledger = pageText((await h.staff.get(`/gestion/tarjetas-regalo/${gifts[0]!.id}/`)).body);
    expect(ledger).toContain(`Pedido N° ${byCustomer!.saleId} · retenido para el pedido`);
    expect(ledger).toContain(`Pedido N° ${byCustomer!.saleId} · el pedido se anuló y volvió a la tarjeta`);
    expect(await problems()).toEqual([]);
  });

  it('counts a provider payment that arrives after an order with a card lapsed: the card holds its part again', async () => {
    const gift = await card('10000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 18000, stock: 4 }]);
    await useCard(client, saleId, gift.code);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    h.t.clock.advanceHours(3);
    await expireOrders();
    expect(await saleRow(saleId)).toEqual({ status: 'ANULADO', giftCardClp: 0, totalClp: 18000 });
    expect(await balance(gift.id)).toBe(10000);
    await h.back(client, navigation);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized', issue: null });
    expect(await saleRow(saleId)).toEqual({ status: 'PAGADO', giftCardClp: 10000, totalClp: 18000 });
    expect(await h.ledger({ saleId })).toEqual([
      { kind: 'PAYMENT', amountClp: 10000, method: 'tarjeta_regalo', attemptId: null },
      { kind: 'PAYMENT', amountClp: 8000, method: 'webpay', attemptId },
    ]);
    expect(await balance(gift.id)).toBe(0);
    expect(await problems()).toEqual([]);
  });

  it('gives back a late provider payment when the lapsed order’s card was spent meanwhile: the card keeps what it has', async () => {
    const gift = await card('10000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 18000, stock: 4 }]);
    await useCard(client, saleId, gift.code);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'webpay');
    const navigation = await h.webpay.browse(token, 'approve');
    h.t.clock.advanceHours(3);
    await expireOrders();
    // The card's money, back on it, pays another order before the late payment arrives.
    const other = await h.checkout(client, [{ priceClp: 5000 }]);
    await useCard(client, other.saleId, gift.code);
    expect(await balance(gift.id)).toBe(5000);
    await h.back(client, navigation);
    expect(await h.attempt(attemptId)).toMatchObject({
      state: 'refunded',
      issue: 'auto_refunded',
      issueDetail: 'El pedido venció y la tarjeta de regalo que pagaba una parte ya no tiene ese saldo.',
    });
    expect(await saleRow(saleId)).toEqual({ status: 'ANULADO', giftCardClp: 0, totalClp: 18000 });
    expect(await balance(gift.id)).toBe(5000);
    expect(await problems()).toEqual([]);
  });

  it('lets staff record the rest, and refuses a discount code once a card paid part', async () => {
    const gift = await card('10000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 24000 }]);
    const code = await createCode(h.t.database);
    expect((await client.get(`/pago/venta/${saleId}/`)).body).toContain('data-test="discount-form"');
    await useCard(client, saleId, gift.code);
    expect((await client.get(`/pago/venta/${saleId}/`)).body).not.toContain('data-test="discount-form"');
    const refused = await client.post(`/pago/venta/${saleId}/codigo/`, { codigo: code.code });
    expect(flashes((await client.follow(refused)).body)).toContain(
      'Los códigos de descuento se aplican antes de pagar: una tarjeta de regalo ya pagó parte de este pedido.',
    );
    expect(await saleRow(saleId)).toEqual({ status: 'PENDIENTE', giftCardClp: 10000, totalClp: 24000 });

    const paid = await h.staff.post(`/gestion/ventas/${saleId}/pago/`, {
      metodo: 'efectivo',
      referencia: '',
    });
    expect(paid.statusCode).toBe(303);
    expect((await h.ledger({ saleId })).map((p) => [p.method, p.amountClp])).toEqual([
      ['tarjeta_regalo', 10000],
      ['efectivo', 14000],
    ]);
    expect(await problems()).toEqual([]);
  });

  it('has tmm check tell an order whose cards hold more than the order says', async () => {
    const gift = await card('10000');
    const { client } = await h.customer();
    const { saleId } = await h.checkout(client, [{ priceClp: 20000 }]);
    await useCard(client, saleId, gift.code);
    await db().updateTable('sales').set({ giftCardClp: 4000 }).where('id', '=', saleId).execute();
    expect(await problems()).toContain(
      `Venta #${saleId} (PENDIENTE): las tarjetas de regalo retienen 10000 para ella, pero debería ser 4000.`,
    );
    await db().updateTable('sales').set({ giftCardClp: 10000 }).where('id', '=', saleId).execute();
    expect(await problems()).toEqual([]);
  });
});
