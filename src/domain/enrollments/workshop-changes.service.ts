import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';
import { recordAudit } from '../audit';
import { closeWaitlist, offerFreedSeats, releaseSeatsAndOffer } from '../capacity';
import type { ServiceContext } from '../context';
import { type QueueEmailInput, queueEmails } from '../email';
import { settleCreditOnCancel } from '../packs';
import {
  markWorkshopCancelled,
  retireWorkshop,
  updateWorkshopFields,
  type WorkshopInput,
} from '../workshops';
import {
  countEnrollmentsOf,
  findCustomerContacts,
  listActiveEnrollmentContacts,
} from './enrollments.queries';

/**
 * What happens to bookings when staff change a workshop: the workshop module saves the workshop
 * itself; this module tells the people enrolled, cancels their enrollments when the workshop is
 * cancelled, and hands freed seats to the waitlist (domain/capacity).
 */

export type UpdateWorkshopResult = { dateChanged: boolean; notified: number; offered: number };

/**
 * Saves a workshop (updateWorkshopFields' rules and errors); a new date notifies every active
 * enrollment (workshop_changed) in the same transaction, and more seats are offered to the waitlist
 * at once.
 */
export async function updateWorkshopByStaff(
  trx: Tx,
  id: number,
  input: WorkshopInput & { waitlistHoldHours: number },
  ctx: ServiceContext,
): Promise<UpdateWorkshopResult> {
  const { before, after, dateChanged } = await updateWorkshopFields(trx, id, input, ctx);
  let notified = 0;
  if (dateChanged) {
    const contacts = await listActiveEnrollmentContacts(trx, id);
    const emails: QueueEmailInput<'workshop_changed'>[] = contacts.map((c) => ({
      template: 'workshop_changed',
      to: c.email,
      customerId: c.customerId,
      enrollmentId: c.id,
      data: {
        name: c.fullName,
        workshopName: after.name,
        startsAt: after.startsAt,
        previousStartsAt: before.startsAt,
        cancelled: false,
        note: null,
      },
    }));
    notified = (await queueEmails(trx, emails, ctx)).length;
  }
  const offered =
    after.totalSeats > before.totalSeats
      ? (await offerFreedSeats(trx, { workshopId: id, holdHours: input.waitlistHoldHours }, ctx)).length
      : 0;
  return { dateChanged, notified, offered };
}

/**
 * Deletes a workshop nobody ever enrolled in; one with enrollments (even cancelled ones: they are
 * history and may carry payments) is deactivated instead. Throws NotFoundError.
 */
export async function deleteWorkshopByStaff(trx: Tx, id: number, ctx: ServiceContext) {
  return retireWorkshop(trx, id, { hasEnrollments: (await countEnrollmentsOf(trx, id)) > 0 }, ctx);
}

export type CancelWorkshopResult = { cancelledEnrollments: number; refundDueClp: number; notified: number };

/**
 * Cancels a whole workshop in one transaction: the workshop is claimed with `WHERE cancelled_at IS
 * NULL` (two staff clicking at once cancel it once), becomes inactive, every active enrollment
 * becomes ANULADO with what was paid recorded as refund due, all their seats and any waitlist
 * holds are released, live waitlist entries are closed, and everyone is told with one
 * workshop_changed e-mail (cancelled). Rejected: calling cancelEnrollment per person, which would
 * also send each a "you cancelled" e-mail and try to offer the freed seats to the waitlist.
 * Throws NotFoundError or WorkshopAlreadyCancelledError.
 */
export async function cancelWholeWorkshop(
  trx: Tx,
  id: number,
  input: { note: string | null },
  ctx: ServiceContext,
): Promise<CancelWorkshopResult> {
  const before = await markWorkshopCancelled(trx, id, ctx);
  const now = ctx.now.toISOString();

  const cancelled = await trx
    .updateTable('enrollments')
    .set({ status: 'ANULADO', cancelledAt: now, refundDueClp: sql<number>`amount_paid_clp`, expiresAt: null })
    .where('workshopId', '=', id)
    .where('status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .returning(['id', 'customerId', 'refundDueClp', 'seats'])
    .execute();
  // The centre called it off: every credit that paid a place comes back, whatever the cut-off.
  for (const e of cancelled)
    await settleCreditOnCancel(trx, { enrollmentId: e.id, returnCredit: true, credits: e.seats }, ctx);
  // The workshop is no longer open, so nothing freed here is offered to the waitlist.
  const seats = cancelled.reduce((sum, e) => sum + e.seats, 0);
  if (seats > 0) await releaseSeatsAndOffer(trx, { workshopId: id, count: seats, holdHours: 0 }, ctx);
  const closed = await closeWaitlist(trx, id, ctx);
  const customers = new Map(
    (
      await findCustomerContacts(
        trx,
        [...cancelled, ...closed].map((r) => r.customerId),
      )
    ).map((c) => [c.id, c]),
  );
  const message = (customerId: number, enrollmentId: number | null, refundDueClp: number) => {
    const c = customers.get(customerId)!;
    return {
      template: 'workshop_changed' as const,
      to: c.email,
      customerId,
      enrollmentId,
      data: {
        name: c.fullName,
        workshopName: before.name,
        startsAt: before.startsAt,
        previousStartsAt: null,
        cancelled: true,
        note: input.note,
        ...(refundDueClp > 0 ? { refundDueClp } : {}),
      },
    };
  };
  const notifiedCustomers = new Set(cancelled.map((e) => e.customerId));
  const emails: QueueEmailInput<'workshop_changed'>[] = [
    ...cancelled.map((e) => message(e.customerId, e.id, e.refundDueClp)),
    ...closed.filter((w) => !notifiedCustomers.has(w.customerId)).map((w) => message(w.customerId, null, 0)),
  ];
  const notified = (await queueEmails(trx, emails, ctx)).length;

  const refundDueClp = cancelled.reduce((sum, e) => sum + e.refundDueClp, 0);
  await recordAudit(
    trx,
    {
      entityType: 'workshop',
      entityId: id,
      action: 'update',
      before: { isActive: before.isActive, cancelledAt: null },
      after: { isActive: false, cancelledAt: now, cancelledEnrollments: cancelled.length, refundDueClp },
    },
    ctx,
  );
  return { cancelledEnrollments: cancelled.length, refundDueClp, notified };
}

/**
 * Marks (or clears) attendance for enrollments of this workshop; ids of other workshops and
 * cancelled enrollments are ignored. Returns how many changed.
 */
export async function markAttendance(
  trx: Tx,
  input: { workshopId: number; enrollmentIds: number[]; present: boolean },
  ctx: ServiceContext,
): Promise<number> {
  if (input.enrollmentIds.length === 0) return 0;
  const result = await trx
    .updateTable('enrollments')
    .set({
      attendedAt: input.present ? ctx.now.toISOString() : null,
      checkedInByUserId: input.present ? (ctx.actor?.userId ?? null) : null,
    })
    .where('workshopId', '=', input.workshopId)
    .where('id', 'in', input.enrollmentIds)
    .where('status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .where('attendedAt', input.present ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
