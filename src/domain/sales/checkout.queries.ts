import type { Db, Tx } from '../../db/database';
import type { ProductKind, SaleStatus } from '../../db/schema';

export async function insertSale(
  trx: Tx,
  values: { customerId: number; totalClp: number; now: Date; expiresAt: Date },
): Promise<number> {
  const row = await trx
    .insertInto('sales')
    .values({
      customerId: values.customerId,
      totalClp: values.totalClp,
      status: 'PENDIENTE',
      createdAt: values.now.toISOString(),
      expiresAt: values.expiresAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSaleLines(
  trx: Tx,
  saleId: number,
  lines: { productId: number; quantity: number; unitPriceClp: number }[],
): Promise<void> {
  await trx
    .insertInto('saleLines')
    .values(lines.map((l) => ({ saleId, ...l })))
    .execute();
}

export async function findProductStock(trx: Tx, productId: number): Promise<number> {
  const row = await trx.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirst();
  return row?.stock ?? 0;
}

export type SaleView = {
  id: number;
  customerId: number;
  customerName: string;
  customerEmail: string;
  customerUserId: number | null;
  totalClp: number;
  status: SaleStatus;
  createdAt: string;
  paidAt: string | null;
  expiresAt: string | null;
  cancelledAt: string | null;
  discountClp: number;
  /** Part of the total gift cards hold (unpaid) or paid; the rest is charged another way. */
  giftCardClp: number;
};

export async function findSale(db: Db | Tx, saleId: number): Promise<SaleView | undefined> {
  return db
    .selectFrom('sales')
    .innerJoin('customers', 'customers.id', 'sales.customerId')
    .select([
      'sales.id',
      'sales.customerId',
      'customers.fullName as customerName',
      'customers.email as customerEmail',
      'customers.userId as customerUserId',
      'sales.totalClp',
      'sales.status',
      'sales.createdAt',
      'sales.paidAt',
      'sales.expiresAt',
      'sales.cancelledAt',
      'sales.discountClp',
      'sales.giftCardClp',
    ])
    .where('sales.id', '=', saleId)
    .executeTakeFirst();
}

export type SaleLineView = { productId: number; name: string; quantity: number; unitPriceClp: number };

export async function listSaleLines(db: Db | Tx, saleId: number): Promise<SaleLineView[]> {
  return db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select(['saleLines.productId', 'products.name', 'saleLines.quantity', 'saleLines.unitPriceClp'])
    .where('saleLines.saleId', '=', saleId)
    .orderBy('saleLines.productId')
    .execute();
}

/** An order's lines with their products' categories, as a discount code's scope reads them. */
export async function listSaleLineCategories(db: Db | Tx, saleId: number) {
  return db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'saleLines.productId',
      'products.kind',
      'products.categoryId',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
    ])
    .where('saleLines.saleId', '=', saleId)
    .orderBy('saleLines.productId')
    .execute();
}

/**
 * PENDIENTE → PAGADO, only once: the conditional UPDATE is what makes "Pagar" idempotent. Within
 * the deadline unless `allowOverdue`, and only while gift cards hold what the payer saw
 * (`giftCardClp`): a card applied meanwhile changed what is left to charge.
 */
export async function markSalePaid(
  trx: Tx,
  saleId: number,
  now: Date,
  options: { allowOverdue: boolean; giftCardClp: number },
): Promise<boolean> {
  let query = trx
    .updateTable('sales')
    .set({ status: 'PAGADO', paidAt: now.toISOString() })
    .where('id', '=', saleId)
    .where('status', '=', 'PENDIENTE')
    .where('giftCardClp', '=', options.giftCardClp);
  if (!options.allowOverdue) query = query.where('expiresAt', '>', now.toISOString());
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A lapsed ANULADO order back to PENDIENTE (its stock already taken again by the caller). */
export async function markSaleReinstated(trx: Tx, saleId: number): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({ status: 'PENDIENTE', cancelledAt: null })
    .where('id', '=', saleId)
    .where('status', '=', 'ANULADO')
    .where('expiresAt', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * PENDIENTE → ANULADO, only once, so the stock is returned once even when the customer's
 * "Anular" and the expiry job (in another process) race. `expiredBy` limits it to overdue orders.
 * An order that lapsed keeps its deadline; one cancelled on purpose loses it, which is how a payment
 * arriving late tells the two apart (reinstateLapsedSale).
 */
export async function markSaleCancelled(
  trx: Tx,
  saleId: number,
  now: Date,
  expiredBy?: Date,
): Promise<boolean> {
  let query = trx
    .updateTable('sales')
    .set({
      status: 'ANULADO',
      cancelledAt: now.toISOString(),
      giftCardClp: 0,
      ...(expiredBy ? {} : { expiresAt: null }),
    })
    .where('id', '=', saleId)
    .where('status', '=', 'PENDIENTE');
  if (expiredBy) query = query.where('expiresAt', '<=', expiredBy.toISOString());
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks an unpaid order within its deadline before a gift card is spent on it, while cards hold
 * what the caller saw: the order's row first, then the card's, the order every writer of both
 * takes (cancelling locks the order and then writes to its cards). Returns false when the order
 * changed (paid, cancelled, overdue, another card applied).
 */
export async function lockSaleForGiftCard(
  trx: Tx,
  saleId: number,
  seenGiftCardClp: number,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({ giftCardClp: seenGiftCardClp })
    .where('id', '=', saleId)
    .where('status', '=', 'PENDIENTE')
    .where('expiresAt', '>', now.toISOString())
    .where('giftCardClp', '=', seenGiftCardClp)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A gift card now holds `amountClp` more of an unpaid order (the caller locked it). */
export async function addGiftCardHold(trx: Tx, saleId: number, amountClp: number): Promise<void> {
  await trx
    .updateTable('sales')
    .set((eb) => ({ giftCardClp: eb('giftCardClp', '+', amountClp) }))
    .where('id', '=', saleId)
    .where('status', '=', 'PENDIENTE')
    .execute();
}

export async function listOverdueSaleIds(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('sales')
    .select('id')
    .where('status', '=', 'PENDIENTE')
    .where('expiresAt', '<=', now.toISOString())
    .orderBy('expiresAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export type ProfileSale = {
  id: number;
  totalClp: number;
  status: 'PENDIENTE' | 'PAGADO' | 'ANULADO';
  createdAt: string;
  lines: { productName: string; kind: ProductKind; quantity: number; unitPriceClp: number }[];
};

/** The customer's purchases, newest first, each with its lines (two queries in all). */
export async function listCustomerSales(db: Db, customerId: number): Promise<ProfileSale[]> {
  const sales = await db
    .selectFrom('sales')
    .select(['id', 'totalClp', 'status', 'createdAt'])
    .where('customerId', '=', customerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (sales.length === 0) return [];
  const lines = await db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'saleLines.saleId',
      'products.name as productName',
      'products.kind',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
    ])
    .where(
      'saleLines.saleId',
      'in',
      sales.map((s) => s.id),
    )
    .orderBy('saleLines.id')
    .execute();
  const bySale = new Map<number, ProfileSale['lines']>();
  for (const { saleId, ...line } of lines) {
    const list = bySale.get(saleId) ?? [];
    list.push(line);
    bySale.set(saleId, list);
  }
  return sales.map((s) => ({ ...s, lines: bySale.get(s.id) ?? [] }));
}

/** Orders of one customer move to another (a duplicate merged). Returns how many. */
export async function reassignSales(trx: Tx, fromId: number, toId: number): Promise<number> {
  const result = await trx
    .updateTable('sales')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An order of class packs or gift cards only has nothing to prepare: it is delivered when paid (they are issued). */
export async function markPackOrderDelivered(trx: Tx, saleId: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({ fulfilmentStatus: 'ENTREGADO', deliveredAt: now.toISOString() })
    .where('id', '=', saleId)
    .where('fulfilmentMethod', '=', 'pickup')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('saleLines')
            .innerJoin('products', 'products.id', 'saleLines.productId')
            .select('saleLines.id')
            .where('saleLines.saleId', '=', saleId)
            .where('products.kind', 'not in', ['pack', 'gift_card']),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The shop's one gift-card product (migration 2100): what a gift card's order line sells. */
export async function findGiftCardProductId(trx: Tx): Promise<number> {
  const row = await trx
    .selectFrom('products')
    .select('id')
    .where('kind', '=', 'gift_card')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One order line, returning its id (a gift card points at the line that sold it). */
export async function insertSaleLine(
  trx: Tx,
  line: { saleId: number; productId: number; quantity: number; unitPriceClp: number },
): Promise<number> {
  const row = await trx.insertInto('saleLines').values(line).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
