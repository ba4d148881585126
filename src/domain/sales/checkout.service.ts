import type { Database, Db, Tx } from '../../db/database';
import { returnStock, takeStock } from '../../db/locks';
import { inTransaction } from '../../db/transaction';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { deleteCart, listCartLines, unitsLeft } from '../cart';
import type { Actor, ServiceContext } from '../context';
import { noteCustomerActivity } from '../customers';
import { releaseDiscountCode, restoreDiscountCode } from '../discounts';
import { queueEmail } from '../email';
import {
  issueGiftCardsForSale,
  releaseGiftCardHolds,
  retakeGiftCardHolds,
  voidGiftCardsOfSale,
} from '../gift-cards';
import { issuePacksForSale } from '../packs';
import { recordWebhookEvent } from '../webhooks';
import {
  CartBlockedError,
  CartEmptyError,
  InsufficientStockError,
  SaleNotPayableError,
  SimulatedPaymentDeclinedError,
} from './checkout.errors';
import {
  addGiftCardHold,
  findProductStock,
  findSale,
  insertSale,
  insertSaleLines,
  listOverdueSaleIds,
  listSaleLines,
  lockSaleForGiftCard,
  markPackOrderDelivered,
  markSaleCancelled,
  markSalePaid,
  markSaleReinstated,
  type SaleLineView,
  type SaleView,
} from './checkout.queries';
import { saveFulfilmentChoice } from './fulfilment.queries';
import { type FulfilmentChoice, orderFulfilmentData, priceFulfilment } from './fulfilment.service';

/** The path of a sale's payment page (the checkout redirects there; e-mails link to it). */
export const salePaymentPath = (saleId: number) => `/pago/venta/${saleId}/`;

/**
 * Turns the customer's cart into a PENDIENTE sale at the CURRENT prices and takes its stock, all
 * or nothing: stock is taken with conditional updates in ascending product id (two checkouts
 * lock rows in the same order, so they never deadlock), and the first short line refuses the
 * whole order (the transaction rolls back; nothing is half-sold). The cart is emptied. A delivery
 * adds its region's shipping cost to the total (a pickup, the default, is free).
 * Throws CartEmptyError, CartBlockedError (unavailable product), InsufficientStockError,
 * DeliveryUnavailableError (a region staff do not deliver to).
 */
export async function checkout(
  trx: Tx,
  customerId: number,
  ctx: Pick<ServiceContext, 'now'>,
  options: { expiryHours: number; fulfilment?: FulfilmentChoice },
): Promise<number> {
  const owner = { customerId };
  const lines = await listCartLines(trx, owner); // ordered by product id
  if (lines.length === 0) throw new CartEmptyError();
  const unavailable = lines.find((l) => !l.isAvailable);
  if (unavailable)
    throw new CartBlockedError(
      `"${unavailable.name}" ya no está disponible: quítalo del carrito para continuar.`,
    );

  const fulfilment = await priceFulfilment(trx, options.fulfilment ?? { method: 'pickup' });
  const totalClp = lines.reduce((sum, l) => sum + l.priceClp * l.quantity, 0) + fulfilment.shippingClp;
  const saleId = await insertSale(trx, {
    customerId,
    totalClp,
    now: ctx.now,
    expiresAt: addHours(ctx.now, options.expiryHours),
  });
  await saveFulfilmentChoice(trx, saleId, fulfilment);
  for (const line of lines) {
    if (!(await takeStock(trx, line.productId, line.quantity))) {
      const left = await findProductStock(trx, line.productId);
      throw new InsufficientStockError(line.name, left, `Stock insuficiente: ${unitsLeft(left, line.name)}.`);
    }
  }
  await insertSaleLines(
    trx,
    saleId,
    lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceClp: l.priceClp })),
  );
  await deleteCart(trx, owner);
  await noteCustomerActivity(trx, customerId, 'prospect', ctx);
  return saleId;
}

/** The sale's own customer and staff may see and act on it; anyone else gets a 404. */
export async function findSaleFor(trx: Db | Tx, saleId: number, actor: Actor | null): Promise<SaleView> {
  const sale = await findSale(trx, saleId);
  if (!sale || !actor) throw new NotFoundError('Este pedido no existe.');
  const staff = actor.role === 'staff' || actor.role === 'admin';
  if (!staff && sale.customerUserId !== actor.userId) throw new NotFoundError('Este pedido no existe.');
  return sale;
}

/**
 * PENDIENTE → PAGADO exactly once (a conditional UPDATE), the receipt queued and the customer marked
 * active: what every way of paying an order shares (the simulated page, staff, Webpay, Mercado Pago);
 * the payments module records the money in the same transaction. `allowOverdue` also takes an order
 * past its deadline that the expiry job has not cancelled yet (staff hold the money, or a provider
 * took it). Returns 'paid' or 'already_paid'; throws SaleNotPayableError (cancelled, or overdue when
 * not allowed).
 */
export async function markSalePaidAndNotify(
  trx: Tx,
  sale: SaleView,
  ctx: ServiceContext,
  options: { allowOverdue: boolean },
): Promise<'paid' | 'already_paid'> {
  if (!(await markSalePaid(trx, sale.id, ctx.now, { ...options, giftCardClp: sale.giftCardClp }))) {
    const current = await findSale(trx, sale.id);
    if (current?.status === 'PAGADO') return 'already_paid';
    if (current?.status === 'ANULADO')
      throw new SaleNotPayableError(
        'Este pedido fue anulado y ya no se puede pagar. Puedes armar tu carrito de nuevo.',
      );
    if (current && current.giftCardClp !== sale.giftCardClp)
      throw new SaleNotPayableError(
        'Se aplicó una tarjeta de regalo a este pedido mientras pagabas: revisa el monto por pagar y vuelve a intentarlo.',
      );
    throw new SaleNotPayableError(
      'El plazo para pagar este pedido venció y será anulado. Puedes armar tu carrito de nuevo.',
    );
  }
  await noteCustomerActivity(trx, sale.customerId, 'customer', ctx);
  // Class packs and gift cards are handed over by being paid: issued now (a card e-mailed to its
  // recipient), and an order of nothing else is delivered.
  const packs = await issuePacksForSale(trx, sale.id, ctx);
  const cards = await issueGiftCardsForSale(trx, sale.id, ctx);
  const packsOnly = packs + cards > 0 && (await markPackOrderDelivered(trx, sale.id, ctx.now));
  await recordWebhookEvent(trx, 'sale.paid', { saleId: sale.id, customerId: sale.customerId }, ctx);
  const lines = await listSaleLines(trx, sale.id);
  await queueEmail(
    trx,
    {
      template: 'order_receipt',
      to: sale.customerEmail,
      data: {
        name: sale.customerName,
        saleId: sale.id,
        lines: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPriceClp: l.unitPriceClp })),
        totalClp: sale.totalClp,
        paid: true,
        payPath: null,
        // Packs alone are not picked up: the receipt says nothing about handing them over.
        fulfilment: packsOnly ? undefined : await orderFulfilmentData(trx, sale.id),
        discountClp: sale.discountClp,
        ...(sale.giftCardClp > 0 ? { giftCardClp: sale.giftCardClp } : {}),
      },
      customerId: sale.customerId,
      saleId: sale.id,
      dedupeKey: `sale-${sale.id}-receipt`,
    },
    ctx,
  );
  return 'paid';
}

/**
 * An order the expiry job cancelled while its payment was on its way (the provider approved it
 * late): back to PENDIENTE when every line's stock can be taken again, all or nothing, so the
 * caller can then mark it paid. Only a lapsed order comes back (an ANULADO sale keeps its deadline
 * only when it lapsed; "Anular" clears it), never one the customer or staff cancelled. What its
 * gift cards held they hold again. Returns false, changing nothing, when the stock is gone; throws
 * SaleNotPayableError when a card no longer has what it held (the caller rolls back).
 */
export async function reinstateLapsedSale(trx: Tx, saleId: number, now: Date): Promise<boolean> {
  const sale = await findSale(trx, saleId);
  if (sale?.status !== 'ANULADO' || sale.expiresAt === null) return false;
  const lines = await listSaleLines(trx, saleId); // ascending product id, like checkout
  const taken: SaleLineView[] = [];
  for (const line of lines) {
    if (!(await takeStock(trx, line.productId, line.quantity))) {
      for (const back of taken) await returnStock(trx, back.productId, back.quantity);
      return false;
    }
    taken.push(line);
  }
  if (!(await markSaleReinstated(trx, saleId))) {
    for (const back of taken) await returnStock(trx, back.productId, back.quantity);
    return false;
  }
  await restoreDiscountCode(trx, { saleId });
  // The payment on its way charged only what the cards did not hold: they must hold it again.
  const held = await retakeGiftCardHolds(trx, saleId, { now });
  if (held === null)
    throw new SaleNotPayableError(
      'El pedido venció y la tarjeta de regalo que pagaba una parte ya no tiene ese saldo.',
    );
  if (held > 0) await addGiftCardHold(trx, saleId, held);
  return true;
}

/**
 * Takes an unpaid order for a gift card to be spent on it: locks it while it is PENDIENTE, within
 * its deadline and held by cards exactly as `sale` says (the caller then spends the card). Throws
 * SaleNotPayableError saying what changed.
 */
export async function lockSaleForGiftCardSpend(trx: Tx, sale: SaleView, now: Date): Promise<void> {
  if (await lockSaleForGiftCard(trx, sale.id, sale.giftCardClp, now)) return;
  const current = await findSale(trx, sale.id);
  if (current?.status === 'PAGADO') throw new SaleNotPayableError('Este pedido ya fue pagado.');
  if (current?.status === 'ANULADO')
    throw new SaleNotPayableError(
      'Este pedido fue anulado y ya no se puede pagar. Puedes armar tu carrito de nuevo.',
    );
  if (current && current.giftCardClp !== sale.giftCardClp)
    throw new SaleNotPayableError('Este pedido cambió mientras aplicabas la tarjeta: vuelve a intentarlo.');
  throw new SaleNotPayableError(
    'El plazo para pagar este pedido venció y será anulado. Puedes armar tu carrito de nuevo.',
  );
}

/** A gift card now holds `amountClp` more of the order the caller locked. */
export async function holdGiftCardOnSale(trx: Tx, saleId: number, amountClp: number): Promise<void> {
  await addGiftCardHold(trx, saleId, amountClp);
}

/** "Simular pago rechazado": checks access, then changes nothing. Throws SimulatedPaymentDeclinedError. */
export async function declineSalePayment(trx: Tx, saleId: number, ctx: ServiceContext): Promise<never> {
  const sale = await findSaleFor(trx, saleId, ctx.actor);
  if (sale.status !== 'PENDIENTE') throw new SaleNotPayableError('Este pedido ya no está pendiente de pago.');
  throw new SimulatedPaymentDeclinedError();
}

/**
 * Cancels an unpaid sale and puts its stock back, exactly once (a conditional UPDATE claims the
 * sale). `expiredBy` restricts it to sales overdue at that time (the expiry job). Returns false
 * when the sale was no longer PENDIENTE (paid, or cancelled by someone else first).
 */
export async function cancelSale(trx: Tx, saleId: number, now: Date, expiredBy?: Date): Promise<boolean> {
  if (!(await markSaleCancelled(trx, saleId, now, expiredBy))) return false;
  // Only unpaid orders are cancelled: their discount code's use goes back.
  await releaseDiscountCode(trx, { saleId }, { now });
  await voidGiftCardsOfSale(trx, saleId);
  // What gift cards held of it goes back to them now, in this transaction.
  await releaseGiftCardHolds(trx, saleId, { now });
  for (const line of await listSaleLines(trx, saleId)) await returnStock(trx, line.productId, line.quantity);
  return true;
}

/** The customer's (or staff's) "Anular pedido". Throws NotFoundError, SaleNotPayableError. */
export async function cancelSaleByUser(trx: Tx, saleId: number, ctx: ServiceContext): Promise<void> {
  await findSaleFor(trx, saleId, ctx.actor);
  if (!(await cancelSale(trx, saleId, ctx.now)))
    throw new SaleNotPayableError('Este pedido ya no está pendiente: no se puede anular.');
}

/**
 * Anulls every unpaid order past its deadline and returns its stock. Each order is claimed in its
 * own transaction by a conditional UPDATE, so two processes running this never return stock twice.
 */
export async function expireUnpaidOrders(database: Database, now: Date, batch = 200): Promise<number> {
  let expired = 0;
  for (const saleId of await listOverdueSaleIds(database.db, now, batch)) {
    if (await inTransaction(database, (trx) => cancelSale(trx, saleId, now, now))) expired++;
  }
  return expired;
}
