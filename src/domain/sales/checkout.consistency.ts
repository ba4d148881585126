import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { ConsistencyCheck } from '../context';

/**
 * What must always hold for the shop's sales, as problems a person can act on (empty when
 * consistent): every sale's total equals its lines plus its shipping less its discount code's; a
 * PAGADO sale's payments add up to its total (none when free): gift cards' part in card payments,
 * the rest in at most one other, and never more given back than that; a PENDIENTE sale has a
 * deadline, no payment, and cards holding less than its total; an ANULADO sale has no payment, no
 * card holding any of it, and a cancellation time.
 * Negative stock is the consistency
 * feature's productStockCheck. Stock taken by sales cannot be checked without the starting stock
 * (there is no stock ledger): it holds by construction (takeStock/returnStock in the transaction
 * that changes the sale's status) and the race tests check it against the starting stock.
 */
export async function checkShopConsistency(db: Db): Promise<string[]> {
  const problems: string[] = [];

  const lineTotals = db
    .selectFrom('saleLines')
    .select([
      'saleId',
      sql<number>`sum(quantity * unit_price_clp)`.as('linesTotal'),
      sql<number>`count(*)`.as('lineCount'),
    ])
    .groupBy('saleId')
    .as('lt');
  const payments = db
    .selectFrom('payments')
    .select([
      'saleId',
      sql<number>`sum(case when kind = 'PAYMENT' then 1 else 0 end)`.as('paymentCount'),
      sql<number>`sum(case when kind = 'PAYMENT' and method <> 'tarjeta_regalo' then 1 else 0 end)`.as(
        'otherCount',
      ),
      sql<number>`sum(case when kind = 'PAYMENT' and method = 'tarjeta_regalo' then amount_clp else 0 end)`.as(
        'cardClp',
      ),
      sql<number>`sum(case when kind = 'PAYMENT' then amount_clp else -amount_clp end)`.as('paidClp'),
      sql<number>`sum(case when kind = 'PAYMENT' then amount_clp else 0 end)`.as('receivedClp'),
    ])
    .where('saleId', 'is not', null)
    .groupBy('saleId')
    .as('pay');
  const sales = await db
    .selectFrom('sales')
    .leftJoin(lineTotals, 'lt.saleId', 'sales.id')
    .leftJoin(payments, 'pay.saleId', 'sales.id')
    .select([
      'sales.id',
      'sales.status',
      'sales.totalClp',
      'sales.shippingClp',
      'sales.discountClp',
      'sales.giftCardClp',
      'sales.expiresAt',
      'sales.paidAt',
      'sales.cancelledAt',
      'lt.linesTotal',
      'lt.lineCount',
      'pay.paymentCount',
      'pay.otherCount',
      'pay.cardClp',
      'pay.paidClp',
      'pay.receivedClp',
    ])
    .execute();
  for (const s of sales) {
    const lines = Number(s.lineCount ?? 0);
    const paymentCount = Number(s.paymentCount ?? 0);
    const paid = Number(s.paidClp ?? 0);
    const received = Number(s.receivedClp ?? 0);
    const otherCount = Number(s.otherCount ?? 0);
    const card = Number(s.cardClp ?? 0);
    if (lines === 0) problems.push(`Venta #${s.id} no tiene productos.`);
    else if (Number(s.linesTotal) + s.shippingClp - s.discountClp !== s.totalClp)
      problems.push(
        `Venta #${s.id}: el total (${s.totalClp}) no coincide con sus líneas (${s.linesTotal}), su despacho (${s.shippingClp}) y su descuento (${s.discountClp}).`,
      );
    if (s.status === 'PAGADO') {
      if (!s.paidAt) problems.push(`Venta #${s.id} está PAGADA sin fecha de pago.`);
      if (s.totalClp > 0 && (paymentCount === 0 || otherCount > 1 || received !== s.totalClp))
        problems.push(
          `Venta #${s.id} está PAGADA con ${paymentCount} pagos por ${received} (total ${s.totalClp}).`,
        );
      if (card !== s.giftCardClp)
        problems.push(
          `Venta #${s.id}: las tarjetas de regalo pagaron ${card}, pero la venta registra ${s.giftCardClp}.`,
        );
      if (paid < 0)
        problems.push(`Venta #${s.id} devolvió ${received - paid}, más de lo que se pagó (${received}).`);
    }
    if (s.status === 'PENDIENTE') {
      if (!s.expiresAt) problems.push(`Venta #${s.id} está PENDIENTE sin plazo de pago.`);
      if (paymentCount > 0) problems.push(`Venta #${s.id} está PENDIENTE pero tiene pagos registrados.`);
      if (s.totalClp > 0 && s.giftCardClp >= s.totalClp)
        problems.push(
          `Venta #${s.id} está PENDIENTE, pero las tarjetas de regalo retienen ${s.giftCardClp} de un total de ${s.totalClp}.`,
        );
    }
    if (s.status === 'ANULADO') {
      if (!s.cancelledAt) problems.push(`Venta #${s.id} está ANULADA sin fecha de anulación.`);
      if (paid > 0) problems.push(`Venta #${s.id} está ANULADA con ${paid} pagados sin devolver.`);
      if (s.giftCardClp !== 0)
        problems.push(
          `Venta #${s.id} está ANULADA, pero las tarjetas de regalo aún retienen ${s.giftCardClp}.`,
        );
    }
  }
  return problems;
}

export const shopSalesCheck: ConsistencyCheck = { name: 'ventas de la tienda', run: checkShopConsistency };

/** Units held by live sales (PENDIENTE or PAGADO), per product: what checkouts took from stock. */
export async function unitsSoldByProduct(db: Db, productIds: number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('saleLines')
    .innerJoin('sales', 'sales.id', 'saleLines.saleId')
    .select(['saleLines.productId', sql<number>`sum(sale_lines.quantity)`.as('units')])
    .where('sales.status', 'in', ['PENDIENTE', 'PAGADO'])
    .where('saleLines.productId', 'in', productIds)
    .groupBy('saleLines.productId')
    .execute();
  return new Map(rows.map((r) => [r.productId, Number(r.units)]));
}
