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
import { findSaleFor, markSalePaidAndNotify, SaleNotPayableError } from '../sales';
import { listEnrollmentsOwingCards } from './gift-card-payments.queries';
import { AlreadyPaidError, EnrollmentCancelledError, PaymentConflictError } from './payments.errors';
import { insertPayment, recordEnrollmentPayment, recordEnrollmentRefund } from './payments.service';

/**
 * Paying with a gift card: the card's spend (gift-cards' guarded ledger write) and the payment it
 * makes (a ledger row of method 'tarjeta_regalo') in one transaction, so the last pesos of a card
 * are spent once and every card payment has its redeem entry. The reference names the card by its
 * last four characters, never by its code.
 */

const reference = (last4: string) => `Tarjeta de regalo ••••${last4}`;

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
    { code: input.code, amount: { maxClp: enrollment.owedClp } },
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
      return result.paymentId;
    },
    ctx,
  );
  return { paidClp: spend.amountClp, balanceClp, cardBalanceClp: spend.balanceAfterClp };
}

/**
 * A card pays a whole order: PENDIENTE → PAGADO with one ledger row of method 'tarjeta_regalo' for
 * its total (the order's one payment), and the receipt queued. An order is paid by one means, so a
 * card with less than the total is refused with its balance (the customer pays with a provider).
 * An order that sells a gift card cannot be paid with one. Throws NotFoundError,
 * GiftCardForGiftCardError, SaleNotPayableError and the card's errors.
 */
export async function paySaleWithGiftCard(
  trx: Tx,
  input: { saleId: number; code: string },
  ctx: ServiceContext,
): Promise<{ paidClp: number; cardBalanceClp: number }> {
  const sale = await findSaleFor(trx, input.saleId, ctx.actor);
  if (await saleHasGiftCard(trx, sale.id)) throw new GiftCardForGiftCardError();
  if (sale.status !== 'PENDIENTE') throw new SaleNotPayableError('Este pedido ya no está pendiente de pago.');
  if (sale.totalClp <= 0) throw new SaleNotPayableError('Este pedido no tiene monto por pagar.');
  const spend = await spendGiftCard(
    trx,
    { code: input.code, amount: { exactClp: sale.totalClp } },
    async ({ amountClp, last4 }) => {
      if ((await markSalePaidAndNotify(trx, sale, ctx, { allowOverdue: false })) === 'already_paid')
        throw new SaleNotPayableError('Este pedido ya fue pagado.');
      const paymentId = await insertPayment(
        trx,
        {
          saleId: sale.id,
          amountClp,
          method: 'tarjeta_regalo',
          reference: reference(last4),
          idempotencyKey: `sale-${sale.id}-pay`,
          recordedByUserId: ctx.actor?.userId ?? null,
        },
        ctx,
      );
      if (!paymentId) throw new SaleNotPayableError('Este pedido ya fue pagado.');
      return paymentId;
    },
    ctx,
  );
  return { paidClp: spend.amountClp, cardBalanceClp: spend.balanceAfterClp };
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
