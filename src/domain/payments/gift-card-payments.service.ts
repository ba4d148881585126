import type { Database, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { findEnrollmentSummary } from '../enrollments';
import {
  GiftCardForGiftCardError,
  giftCardMoneyOfEnrollment,
  returnToGiftCard,
  saleHasGiftCard,
  spendGiftCard,
} from '../gift-cards';
import { findSaleFor, holdGiftCardOnSale, lockSaleForGiftCardSpend, SaleNotPayableError } from '../sales';
import { listEnrollmentsOwingCards } from './gift-card-payments.queries';
import { AlreadyPaidError, EnrollmentCancelledError, PaymentConflictError } from './payments.errors';
import { giftCardReference, recordEnrollmentPayment, recordEnrollmentRefund } from './payments.service';
import { settleSale } from './sale-payments.service';

/**
 * Paying with a gift card: the card's spend (gift-cards' guarded ledger write) and the payment it
 * makes (a ledger row of method 'tarjeta_regalo') in one transaction, so the last pesos of a card
 * are spent once and every card payment has its redeem entry. An order is paid in one go, so what a
 * card gives an order before the rest is paid is held for it (see paySaleWithGiftCard).
 */

const reference = giftCardReference;

/**
 * A card pays all of an enrollment's balance it can: the whole balance, or the card's balance when
 * it is smaller (the rest is paid with the usual providers). `customerId` is the paying customer
 * (null for staff), who must own the enrollment. Throws NotFoundError, EnrollmentCancelledError,
 * AlreadyPaidError, the card's errors and recordEnrollmentPayment's.
 */
export async function payEnrollmentWithGiftCard(
  trx: Tx,
  input: { enrollmentId: number; customerId: number | null; code: string },
  ctx: ServiceContext,
): Promise<{ paidClp: number; balanceClp: number; cardBalanceClp: number }> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment || (input.customerId !== null && enrollment.customerId !== input.customerId))
    throw new NotFoundError('No encontramos esa inscripción.');
  if (enrollment.status === 'ANULADO') throw new EnrollmentCancelledError();
  if (enrollment.owedClp <= 0) throw new AlreadyPaidError();
  let balanceClp = enrollment.owedClp;
  const spend = await spendGiftCard(
    trx,
    { code: input.code, maxClp: enrollment.owedClp },
    async ({ giftCardId, amountClp, last4 }) => {
      const result = await recordEnrollmentPayment(
        trx,
        {
          enrollmentId: enrollment.id,
          amountClp,
          method: 'tarjeta_regalo',
          reference: reference(last4),
          idempotencyKey: `gift-card:${giftCardId}:enrollment:${enrollment.id}:after:${enrollment.amountPaidClp}`,
        },
        ctx,
      );
      if (!result.paymentId) throw new PaymentConflictError();
      balanceClp = result.balanceClp;
      return { paymentId: result.paymentId };
    },
    ctx,
  );
  return { paidClp: spend.amountClp, balanceClp, cardBalanceClp: spend.balanceAfterClp };
}

/**
 * A card pays all of an order's rest it can. The order's row is locked first (then the card's, the
 * order cancelling takes too) while it is unpaid, within its deadline and held by cards as read;
 * the card's money is then held for the order (a redeem entry naming it, sales.gift_card_clp up),
 * and when that covers the rest the order is paid at once: each hold becomes its PAYMENT row. What
 * a card holds goes back to it if the order is cancelled or lapses; online providers, the simulated
 * page and staff charge only the rest. An order that sells a gift card cannot be paid with one.
 * Throws NotFoundError, GiftCardForGiftCardError, SaleNotPayableError and the card's errors.
 */
export async function paySaleWithGiftCard(
  trx: Tx,
  input: { saleId: number; code: string },
  ctx: ServiceContext,
): Promise<{ paidClp: number; restClp: number; cardBalanceClp: number }> {
  const sale = await findSaleFor(trx, input.saleId, ctx.actor);
  if (await saleHasGiftCard(trx, sale.id)) throw new GiftCardForGiftCardError();
  if (sale.status === 'PAGADO') throw new SaleNotPayableError('Este pedido ya fue pagado.');
  if (sale.status !== 'PENDIENTE') throw new SaleNotPayableError('Este pedido ya no está pendiente de pago.');
  const restClp = sale.totalClp - sale.giftCardClp;
  if (restClp <= 0) throw new SaleNotPayableError('Este pedido no tiene monto por pagar.');
  await lockSaleForGiftCardSpend(trx, sale, ctx.now);
  const spend = await spendGiftCard(
    trx,
    { code: input.code, maxClp: restClp },
    async ({ amountClp }) => {
      await holdGiftCardOnSale(trx, sale.id, amountClp);
      return { saleId: sale.id };
    },
    ctx,
  );
  if (spend.amountClp === restClp) {
    const held = { ...sale, giftCardClp: sale.giftCardClp + spend.amountClp };
    const outcome = await settleSale(
      trx,
      held,
      {
        method: 'tarjeta_regalo',
        reference: reference(spend.last4),
        recordedByUserId: ctx.actor?.userId ?? null,
      },
      ctx,
      { allowOverdue: false },
    );
    if (outcome === 'already_paid') throw new SaleNotPayableError('Este pedido ya fue pagado.');
  }
  return {
    paidClp: spend.amountClp,
    restClp: restClp - spend.amountClp,
    cardBalanceClp: spend.balanceAfterClp,
  };
}

/**
 * An enrollment owing a refund (cancelled, or a companion's seat given up) that gift cards paid (in
 * part) gets that money back on the cards, up to its refund due: a REFUND row of method 'tarjeta_regalo' and a refund entry on the card, per card,
 * the newest card first. What the cards did not pay stays owed for staff to give back. Returns
 * what went back.
 */
export async function returnGiftCardMoneyOfEnrollment(
  trx: Tx,
  enrollmentId: number,
  ctx: ServiceContext,
): Promise<number> {
  let returned = 0;
  for (const card of await giftCardMoneyOfEnrollment(trx, enrollmentId)) {
    const enrollment = await findEnrollmentSummary(trx, enrollmentId);
    if (!enrollment || enrollment.refundDueClp <= 0) break;
    const amountClp = Math.min(card.heldClp, enrollment.refundDueClp);
    const refund = await recordEnrollmentRefund(
      trx,
      { enrollmentId, amountClp, method: 'tarjeta_regalo', reference: 'Devuelto a la tarjeta de regalo' },
      ctx,
    );
    if (!refund.paymentId) throw new PaymentConflictError();
    await returnToGiftCard(trx, { giftCardId: card.giftCardId, amountClp, paymentId: refund.paymentId }, ctx);
    returned += amountClp;
  }
  return returned;
}

/**
 * The job's pass: every enrollment still owing gift-card money gets it back on its cards,
 * each in its own transaction (the refund's conditional update on the enrollment keeps two workers
 * from returning it twice). Returns how many enrollments were settled.
 */
export async function returnGiftCardMoney(database: Database, ctx: ServiceContext, batch = 200) {
  let settled = 0;
  for (const id of await listEnrollmentsOwingCards(database.db, batch)) {
    try {
      if ((await inTransaction(database, (trx) => returnGiftCardMoneyOfEnrollment(trx, id, ctx))) > 0)
        settled++;
    } catch (error) {
      // Another worker (or a staff refund) changed it meanwhile: the next pass reads it again.
      if (!(error instanceof PaymentConflictError)) throw error;
    }
  }
  return settled;
}
