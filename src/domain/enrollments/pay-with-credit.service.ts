import type { Db, Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { noteCustomerActivity } from '../customers';
import { findCreditOptions, NoPackCreditError, redeemCredit } from '../packs';
import { recordWebhookEvent } from '../webhooks';
import { findWorkshopForEnrollment } from '../workshops';
import { CreditPaymentError } from './enrollments.errors';
import { type EnrollmentSummary, findEnrollmentSummary } from './enrollments.queries';

/** What paying with a credit would spend: the customer's credits for this workshop, the first pack. */
export type CreditPaymentOffer = { credits: number; name: string; expiresAt: string };

/** The conditions under which a credit may pay an enrollment (payEnrollmentWithCredit re-checks them). */
const creditMayPay = (e: Pick<EnrollmentSummary, 'status' | 'amountPaidClp' | 'discountClp'>) =>
  e.status === 'PENDIENTE' && e.amountPaidClp === 0 && e.discountClp === 0;

/**
 * The payment page's offer to pay with a credit: only to the enrollment's own customer, while
 * nothing is paid and no code applied, and only when they hold an eligible pack (covering the
 * workshop, the online rule, valid when it starts, a credit left). Read without locks; null when none.
 */
export async function findCreditPaymentOffer(
  db: Db,
  enrollment: EnrollmentSummary,
  customerId: number | null,
  now: Date,
): Promise<CreditPaymentOffer | null> {
  if (customerId === null || enrollment.customerId !== customerId || !creditMayPay(enrollment)) return null;
  const options = await findCreditOptions(
    db,
    customerId,
    {
      id: enrollment.workshopId,
      categoryId: enrollment.categoryId,
      modality: enrollment.modality,
      startsAt: enrollment.startsAt,
    },
    now,
  );
  // A party of several seats spends one credit per seat, so the offer needs that many.
  return options.pack && options.pack.credits >= enrollment.seats ? options.pack : null;
}

/**
 * Pays an unpaid enrollment with the customer's pack credits, one per seat it holds,, as booking with a credit does:
 * the enrollment is settled (nothing due, paid with a pack credit, no longer expiring) by a
 * conditional UPDATE and the credit is spent (packs.redeemCredit: the soonest-expiring eligible pack,
 * locked, its ledger summed) in the same transaction, so two payments racing for the last credit
 * cannot both win and a spend that finds none leaves the enrollment unpaid. Cancelling before the
 * cut-off returns the credit, as for any enrollment a credit paid.
 * Only an enrollment with nothing paid and no discount code: a credit pays a whole enrollment, and
 * mixing it with money already paid (to be refunded?) or a code's use (wasted?) has no good answer.
 * Throws NotFoundError (not the customer's), CreditPaymentError.
 */
export async function payEnrollmentWithCredit(
  trx: Tx,
  input: { enrollmentId: number; customerId: number },
  ctx: ServiceContext,
): Promise<{ workshopName: string; credits: number }> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment || enrollment.customerId !== input.customerId)
    throw new NotFoundError('No encontramos esa inscripción.');
  if (!creditMayPay(enrollment)) {
    if (enrollment.status !== 'PENDIENTE' && enrollment.status !== 'ABONADO')
      throw CreditPaymentError.notPending();
    throw enrollment.amountPaidClp > 0 ? CreditPaymentError.partlyPaid() : CreditPaymentError.withCode();
  }
  const settled = await trx
    .updateTable('enrollments')
    .set({ status: 'PAGADO', amountDueClp: 0, paidWith: 'pack_credit', expiresAt: null })
    .where('id', '=', enrollment.id)
    .where('status', '=', 'PENDIENTE')
    .where('amountPaidClp', '=', 0)
    .where('discountClp', '=', 0)
    .executeTakeFirst();
  if (Number(settled.numUpdatedRows) !== 1) throw CreditPaymentError.notPending();
  const workshop = (await findWorkshopForEnrollment(trx, enrollment.workshopId))!;
  try {
    await redeemCredit(
      trx,
      {
        source: 'pack',
        customerId: enrollment.customerId,
        companyId: null,
        workshop,
        enrollmentId: enrollment.id,
        credits: enrollment.seats,
      },
      ctx,
    );
  } catch (error) {
    if (error instanceof NoPackCreditError) throw CreditPaymentError.noCredit();
    throw error;
  }
  await recordWebhookEvent(
    trx,
    'enrollment.paid',
    { enrollmentId: enrollment.id, workshopId: enrollment.workshopId, customerId: enrollment.customerId },
    ctx,
  );
  await noteCustomerActivity(trx, enrollment.customerId, 'customer', ctx);
  return { workshopName: enrollment.workshopName, credits: enrollment.seats };
}
