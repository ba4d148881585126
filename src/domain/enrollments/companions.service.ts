import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { attendancePolicy } from '../attendance-policy';
import { releaseSeatsAndOffer } from '../capacity';
import type { ServiceContext } from '../context';
import { returnCompanionCredit } from '../packs';
import { lateCancellationFee } from './cancellation-policy';
import {
  CancellationClosedError,
  CompanionNotActiveError,
  EnrollmentAlreadyCancelledError,
} from './enrollments.errors';
import { findEnrollmentSummary } from './enrollments.queries';

/** A seat's share of a booking's price: the price left divided by the seats left, rounded down. */
export const seatShareClp = (e: { amountDueClp: number; seats: number }) =>
  Math.floor(e.amountDueClp / e.seats);

/**
 * Gives up one companion's seat of an enrollment, keeping the customer's and the other companions':
 * the seat returns and is offered to the waitlist in the same transaction, the price drops by one
 * seat's share (`seatShareClp`), and what was paid beyond the new price becomes a refund due, less a
 * late cancellation's fee (customers) — it then follows the normal refund paths. The paid share
 * stays in the price until the money goes back (applyRefund lowers both), so paid ≤ due holds. A
 * booking paid with credits gets one credit back before the cut-off. Customers may do it until the
 * workshop's cut-off, staff at any time. Both writes are conditional (the companion still active,
 * the enrollment as read), so two racing cancellations free one seat.
 * Throws NotFoundError, EnrollmentAlreadyCancelledError, CompanionNotActiveError or
 * CancellationClosedError.
 */
export async function cancelCompanion(
  trx: Tx,
  input: { enrollmentId: number; companionId: number; customerId: number | null; waitlistHoldHours: number },
  ctx: ServiceContext,
): Promise<{ workshopName: string; refundDueClp: number; seats: number; creditReturned: boolean }> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment || (input.customerId !== null && enrollment.customerId !== input.customerId))
    throw new NotFoundError('No encontramos esa inscripción.');
  if (enrollment.status === 'ANULADO') throw new EnrollmentAlreadyCancelledError();
  const cutoff = addHours(new Date(enrollment.startsAt), -enrollment.cancellationCutoffHours);
  if (input.customerId !== null && ctx.now >= cutoff)
    throw new CancellationClosedError(enrollment.cancellationCutoffHours);

  const claimed = await trx
    .updateTable('enrollmentCompanions')
    .set({ cancelledAt: ctx.now.toISOString() })
    .where('id', '=', input.companionId)
    .where('enrollmentId', '=', enrollment.id)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new CompanionNotActiveError();

  const newPriceClp = enrollment.amountDueClp - seatShareClp(enrollment);
  const paidBeyond = Math.max(0, enrollment.amountPaidClp - newPriceClp);
  const fee =
    input.customerId === null
      ? 0
      : lateCancellationFee(
          await attendancePolicy(trx, enrollment.workshopId),
          { startsAt: enrollment.startsAt, amountPaidClp: paidBeyond },
          ctx.now,
        );
  const refundClp = paidBeyond - fee;
  const amountDueClp = Math.max(newPriceClp, enrollment.amountPaidClp);
  const paid = enrollment.amountPaidClp;
  const status = paid >= amountDueClp ? 'PAGADO' : paid > 0 ? 'ABONADO' : 'PENDIENTE';
  const updated = await trx
    .updateTable('enrollments')
    .set({
      seats: sql<number>`seats - 1`,
      amountDueClp,
      refundDueClp: sql<number>`refund_due_clp + ${refundClp}`,
      status,
      ...(status === 'PAGADO' ? { expiresAt: null } : {}),
    })
    .where('id', '=', enrollment.id)
    .where('seats', '=', enrollment.seats)
    .where('amountDueClp', '=', enrollment.amountDueClp)
    .where('amountPaidClp', '=', enrollment.amountPaidClp)
    .where('status', '<>', 'ANULADO')
    .where('seats', '>', 1)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new CompanionNotActiveError();

  const creditReturned =
    enrollment.paidWith !== null && ctx.now < cutoff
      ? await returnCompanionCredit(trx, { enrollmentId: enrollment.id }, ctx)
      : false;
  await releaseSeatsAndOffer(
    trx,
    { workshopId: enrollment.workshopId, count: 1, holdHours: input.waitlistHoldHours },
    ctx,
  );
  return {
    workshopName: enrollment.workshopName,
    refundDueClp: refundClp,
    seats: enrollment.seats - 1,
    creditReturned,
  };
}
