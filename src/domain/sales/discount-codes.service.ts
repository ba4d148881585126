import type { Tx } from '../../db/database';
import type { ServiceContext } from '../context';
import { codeRejections, redeemDiscountCode } from '../discounts';
import { GiftCardDiscountError, saleHasGiftCard } from '../gift-cards';
import { findSale, listSaleLineCategories } from './checkout.queries';
import { findSaleFor, markSalePaidAndNotify } from './checkout.service';

/**
 * Applies a discount code to an unpaid order within its deadline: the discounts module checks the
 * code against the order's products (shipping is never discounted) and takes its use, and the
 * order's total drops by the discount in the same transaction, so every way of paying charges the
 * discounted total (online providers read it from the database). An order the code makes free is
 * paid at once, with no payment row, like any free order. Throws NotFoundError and
 * DiscountCodeRejectedError.
 */
export async function applySaleDiscountCode(
  trx: Tx,
  input: { saleId: number; code: string },
  ctx: ServiceContext,
): Promise<{ discountClp: number; totalClp: number }> {
  const sale = await findSaleFor(trx, input.saleId, ctx.actor);
  const overdue = sale.expiresAt !== null && sale.expiresAt <= ctx.now.toISOString();
  if (sale.status !== 'PENDIENTE' || overdue) throw codeRejections.notPending('este pedido');
  if (sale.discountClp > 0) throw codeRejections.alreadyApplied('Este pedido');
  // A card holds part of the total: a lower total could fall below what it holds.
  if (sale.giftCardClp > 0) throw codeRejections.partlyPaid('este pedido');
  // A card is worth its face value: selling it for less would hand out the difference.
  if (await saleHasGiftCard(trx, sale.id)) throw new GiftCardDiscountError();
  const lines = await listSaleLineCategories(trx, sale.id);
  const { discountClp } = await redeemDiscountCode(
    trx,
    {
      code: input.code,
      customerId: sale.customerId,
      target: { saleId: sale.id },
      lines: lines.map((l) => ({
        kind: l.kind,
        itemId: l.productId,
        categoryId: l.categoryId,
        amountClp: l.quantity * l.unitPriceClp,
      })),
      what: 'este pedido',
    },
    ctx,
  );
  const totalClp = sale.totalClp - discountClp;
  const updated = await trx
    .updateTable('sales')
    .set({ totalClp, discountClp })
    .where('id', '=', sale.id)
    .where('status', '=', 'PENDIENTE')
    .where('discountClp', '=', 0)
    .where('giftCardClp', '=', 0)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw codeRejections.notPending('este pedido');
  if (totalClp === 0)
    await markSalePaidAndNotify(trx, (await findSale(trx, sale.id))!, ctx, { allowOverdue: false });
  return { discountClp, totalClp };
}
