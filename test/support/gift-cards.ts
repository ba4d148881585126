import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/db/database';
import { inTransaction } from '../../src/db/transaction';
import { createPendingGiftCard } from '../../src/domain/gift-cards';
import { recordSalePaymentByStaff } from '../../src/domain/payments';
import type { TestClient } from './client';
import type { TestDb } from './db';
import { createCustomer, unique } from './factories';

/** A card's code as its e-mail spells it. */
export const CARD_CODE = /\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b/;

/** The code of the card an order sold, from the e-mail its recipient got when the order was paid. */
export async function giftCardCodeOf(db: Db, saleId: number): Promise<string> {
  const mail = await db
    .selectFrom('emailOutbox')
    .select('bodyText')
    .where('saleId', '=', saleId)
    .where('template', '=', 'gift_card_issued')
    .executeTakeFirstOrThrow();
  return CARD_CODE.exec(mail.bodyText)![0];
}

/** A card's balance: the sum of its ledger. */
export async function giftCardBalance(db: Db, giftCardId: number): Promise<number> {
  const row = await db
    .selectFrom('giftCardEntries')
    .select(sql<number>`coalesce(sum(amount_clp), 0)`.as('b'))
    .where('giftCardId', '=', giftCardId)
    .executeTakeFirstOrThrow();
  return Number(row.b);
}

/** Orders a card over HTTP at /tarjetas-regalo/ (unpaid); returns its order and card. */
export async function orderGiftCard(
  db: Db,
  client: TestClient,
  input: { amount: string; recipientEmail?: string; message?: string },
) {
  const res = await client.post('/tarjetas-regalo/', {
    monto: input.amount,
    nombre: 'Camila Rojas',
    correo: input.recipientEmail ?? `${unique('regalo')}@example.cl`,
    ...(input.message === undefined ? {} : { mensaje: input.message }),
  });
  expect(res.statusCode).toBe(303);
  const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
  const card = await db
    .selectFrom('giftCards')
    .select('id')
    .where('saleId', '=', saleId)
    .executeTakeFirstOrThrow();
  return { saleId, cardId: card.id };
}

/** Pays a card's order on the simulated page; returns the code its recipient was e-mailed. */
export async function payGiftCardOrder(db: Db, client: TestClient, saleId: number): Promise<string> {
  expect((await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' })).statusCode).toBe(303);
  return giftCardCodeOf(db, saleId);
}

/** Buys and pays a card over HTTP, as a customer would; returns its order, card and code. */
export async function buyGiftCard(
  db: Db,
  client: TestClient,
  input: { amount: string; recipientEmail?: string; message?: string },
) {
  const order = await orderGiftCard(db, client, input);
  return { ...order, code: await payGiftCardOrder(db, client, order.saleId) };
}

/**
 * An issued card without going through the shop's pages (race and API tests): its order written
 * directly and paid at the counter, which issues it as any payment does. Returns its card and code.
 */
export async function issueGiftCard(database: TestDb, amountClp: number, now = new Date()) {
  const { db } = database;
  const buyer = await createCustomer(db, { fullName: 'Quien regala' });
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('kind', '=', 'gift_card')
    .executeTakeFirstOrThrow();
  const sale = await db
    .insertInto('sales')
    .values({
      customerId: buyer.id,
      totalClp: amountClp,
      status: 'PENDIENTE',
      expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await db
    .insertInto('saleLines')
    .values({ saleId: sale.id, productId: product.id, quantity: 1, unitPriceClp: amountClp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ctx = { now, actor: null, publicUrl: 'http://127.0.0.1' };
  const cardId = await inTransaction(database, async (trx) => {
    const id = await createPendingGiftCard(
      trx,
      {
        saleId: sale.id,
        saleLineId: line.id,
        buyerCustomerId: buyer.id,
        recipientName: 'Quien recibe',
        recipientEmail: `${unique('recibe')}@example.cl`,
        message: null,
        amountClp,
      },
      ctx,
    );
    await recordSalePaymentByStaff(trx, { saleId: sale.id, method: 'efectivo', reference: 'CAJA-1' }, ctx);
    return id;
  });
  return { cardId, saleId: sale.id, buyerCustomerId: buyer.id, code: await giftCardCodeOf(db, sale.id) };
}
