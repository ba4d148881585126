import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';
import { cardBalanceSql } from './gift-cards.queries';

/**
 * The card ledger adds up: no card below zero; an issued card has one issue entry for the amount
 * it was sold for; a card never issued holds no entries.
 */
export const giftCardLedgerCheck: ConsistencyCheck = {
  name: 'saldos de tarjetas de regalo',
  run: async (db) => {
    const rows = await db
      .selectFrom('giftCards')
      .select((eb) => [
        'giftCards.id',
        'giftCards.status',
        'giftCards.amountClp',
        'giftCards.issuedAt',
        cardBalanceSql(eb).as('balance'),
        eb
          .selectFrom('giftCardEntries')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('giftCardEntries.giftCardId', '=', 'giftCards.id')
          .as('entries'),
        eb.fn
          .coalesce(
            eb
              .selectFrom('giftCardEntries')
              .select((e) => e.fn.sum<number>('amountClp').as('s'))
              .whereRef('giftCardEntries.giftCardId', '=', 'giftCards.id')
              .where('giftCardEntries.kind', '=', 'issue'),
            sql<number>`0`,
          )
          .as('issued'),
      ])
      .orderBy('giftCards.id')
      .execute();
    const problems: string[] = [];
    for (const c of rows) {
      const balance = Number(c.balance);
      if (balance < 0) problems.push(`Tarjeta de regalo #${c.id}: saldo negativo (${balance}).`);
      if (c.issuedAt !== null && Number(c.issued) !== c.amountClp)
        problems.push(
          `Tarjeta de regalo #${c.id}: se vendió por ${c.amountClp}, pero su emisión en el libro suma ${Number(c.issued)}.`,
        );
      if (c.issuedAt === null && Number(c.entries) > 0)
        problems.push(`Tarjeta de regalo #${c.id}: no se emitió, pero tiene movimientos en el libro.`);
    }
    return problems;
  },
};

/**
 * Card payments and the card ledger agree: every payment of method 'tarjeta_regalo' has exactly
 * one entry (a PAYMENT its redeem for minus its amount, a REFUND its refund for its amount), and
 * every redeem or refund entry names such a payment.
 */
export const giftCardPaymentsCheck: ConsistencyCheck = {
  name: 'pagos con tarjeta de regalo',
  run: async (db) => {
    const payments = await db
      .selectFrom('payments')
      .leftJoin('giftCardEntries', 'giftCardEntries.paymentId', 'payments.id')
      .select([
        'payments.id',
        'payments.kind',
        'payments.amountClp',
        'payments.method',
        'giftCardEntries.kind as entryKind',
        'giftCardEntries.amountClp as entryClp',
      ])
      .where((eb) =>
        eb.or([eb('payments.method', '=', 'tarjeta_regalo'), eb('giftCardEntries.id', 'is not', null)]),
      )
      .orderBy('payments.id')
      .execute();
    const problems: string[] = [];
    for (const p of payments) {
      const expected =
        p.kind === 'PAYMENT' ? { kind: 'redeem', clp: -p.amountClp } : { kind: 'refund', clp: p.amountClp };
      if (p.method !== 'tarjeta_regalo')
        problems.push(
          `Pago #${p.id}: tiene un movimiento de tarjeta de regalo, pero su medio es «${p.method}».`,
        );
      else if (p.entryKind === null)
        problems.push(
          `Pago #${p.id} con tarjeta de regalo: no tiene su movimiento en el libro de la tarjeta.`,
        );
      else if (p.entryKind !== expected.kind || Number(p.entryClp) !== expected.clp)
        problems.push(
          `Pago #${p.id} con tarjeta de regalo (${p.amountClp}): el libro de la tarjeta registra ${p.entryKind} por ${Number(p.entryClp)}.`,
        );
    }
    return problems;
  },
};

/**
 * Money cards hold for orders agrees with the orders: an unpaid order's holds (entries naming it and
 * no payment) add up to what it says cards hold; a paid or cancelled order holds nothing (its holds
 * became payments, or went back to the cards); a hold that was paid names a payment of that order.
 */
export const giftCardHoldsCheck: ConsistencyCheck = {
  name: 'tarjetas de regalo en pedidos',
  run: async (db) => {
    const held = db
      .selectFrom('giftCardEntries')
      .select(['saleId', sql<number>`-sum(amount_clp)`.as('heldClp')])
      .where('saleId', 'is not', null)
      .where('paymentId', 'is', null)
      .groupBy('saleId')
      .as('held');
    const sales = await db
      .selectFrom('sales')
      .leftJoin(held, 'held.saleId', 'sales.id')
      .select(['sales.id', 'sales.status', 'sales.giftCardClp', 'held.heldClp'])
      .where((eb) => eb.or([eb('sales.giftCardClp', '<>', 0), eb('held.saleId', 'is not', null)]))
      .orderBy('sales.id')
      .execute();
    const problems: string[] = [];
    for (const s of sales) {
      const holds = Number(s.heldClp ?? 0);
      const expected = s.status === 'PENDIENTE' ? s.giftCardClp : 0;
      if (holds !== expected)
        problems.push(
          `Venta #${s.id} (${s.status}): las tarjetas de regalo retienen ${holds} para ella, pero debería ser ${expected}.`,
        );
    }
    const mismatched = await db
      .selectFrom('giftCardEntries')
      .innerJoin('payments', 'payments.id', 'giftCardEntries.paymentId')
      .select(['giftCardEntries.id', 'giftCardEntries.saleId', 'payments.saleId as paymentSaleId'])
      .where('giftCardEntries.saleId', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('payments.saleId', 'is', null),
          eb('payments.saleId', '<>', eb.ref('giftCardEntries.saleId')),
        ]),
      )
      .execute();
    for (const m of mismatched)
      problems.push(
        `Movimiento de tarjeta #${m.id}: retuvo dinero para la venta #${m.saleId}, pero su pago es de ${m.paymentSaleId === null ? 'una inscripción' : `la venta #${m.paymentSaleId}`}.`,
      );
    return problems;
  },
};
