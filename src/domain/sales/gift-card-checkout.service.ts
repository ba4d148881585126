import type { Tx } from '../../db/database';
import { addHours } from '../../lib/dates';
import type { ServiceContext } from '../context';
import { noteCustomerActivity } from '../customers';
import { checkGiftCardAmount, createPendingGiftCard } from '../gift-cards';
import { findGiftCardProductId, insertSale, insertSaleLine } from './checkout.queries';
import { saveFulfilmentChoice } from './fulfilment.queries';
import { priceFulfilment } from './fulfilment.service';

export type GiftCardOrderInput = {
  customerId: number;
  amountClp: number;
  recipientName: string;
  recipientEmail: string;
  message: string | null;
};

/**
 * A gift card bought in the shop: its own PENDIENTE order (one line of the gift-card product at the
 * amount the customer chose) holding a pending card with its recipient, paid on the order's payment
 * page like any order. Not through the cart: the amount and the recipient belong to the line, and an
 * order of its own keeps a card from ever paying for a card. Nothing to hand over (no stock, picked
 * up nowhere): the card is issued and e-mailed when the order is paid. Throws GiftCardAmountError.
 */
export async function checkoutGiftCard(
  trx: Tx,
  input: GiftCardOrderInput,
  ctx: Pick<ServiceContext, 'now'>,
  options: { expiryHours: number },
): Promise<number> {
  checkGiftCardAmount(input.amountClp);
  const saleId = await insertSale(trx, {
    customerId: input.customerId,
    totalClp: input.amountClp,
    now: ctx.now,
    expiresAt: addHours(ctx.now, options.expiryHours),
  });
  await saveFulfilmentChoice(trx, saleId, await priceFulfilment(trx, { method: 'pickup' }));
  const saleLineId = await insertSaleLine(trx, {
    saleId,
    productId: await findGiftCardProductId(trx),
    quantity: 1,
    unitPriceClp: input.amountClp,
  });
  await createPendingGiftCard(
    trx,
    {
      saleId,
      saleLineId,
      buyerCustomerId: input.customerId,
      recipientName: input.recipientName,
      recipientEmail: input.recipientEmail,
      message: input.message,
      amountClp: input.amountClp,
    },
    ctx,
  );
  await noteCustomerActivity(trx, input.customerId, 'prospect', ctx);
  return saleId;
}
