import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import { releaseHold, releaseSeats } from '../../db/locks';
import { ACTIVE_ENROLLMENT_STATUSES, type Modality } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { type AuditSnapshot, recordAudit } from '../audit/audit.service';
import { offerFreedSeats } from '../capacity/waitlist-offers';
import type { ServiceContext } from '../context';
import { type QueueEmailInput, queueEmails } from '../email/email.service';
import {
  NAME_TAKEN_MESSAGE,
  PAST_DATE_MESSAGE,
  seatsBelowTakenMessage,
  WorkshopAlreadyCancelledError,
} from './workshops-admin.errors';
import { countEnrollmentsOf, listActiveEnrollmentContacts } from './workshops-admin.queries';

export type WorkshopInput = {
  name: string;
  description: string;
  categoryId: number | null;
  /** UTC instant (the form's Santiago date and time, converted by the route). */
  startsAt: Date;
  durationMinutes: number;
  modality: Modality;
  location: string | null;
  onlineUrl: string | null;
  priceClp: number;
  totalSeats: number;
  isActive: boolean;
  cancellationCutoffHours: number;
  unpaidExpiryHours: number | null;
};

const COLUMNS = [
  'id',
  'name',
  'description',
  'categoryId',
  'startsAt',
  'durationMinutes',
  'modality',
  'location',
  'onlineUrl',
  'priceClp',
  'totalSeats',
  'seatsTaken',
  'seatsHeld',
  'isActive',
  'cancellationCutoffHours',
  'unpaidExpiryHours',
  'cancelledAt',
] as const;

const readWorkshop = (trx: Tx, id: number) =>
  trx.selectFrom('workshops').select(COLUMNS).where('id', '=', id).executeTakeFirst();

/** What the audit log keeps of a workshop (counters change with every enrollment: left out). */
function snapshot(w: Omit<NonNullable<Awaited<ReturnType<typeof readWorkshop>>>, 'id'>): AuditSnapshot {
  return {
    name: w.name,
    description: w.description,
    categoryId: w.categoryId,
    startsAt: w.startsAt,
    durationMinutes: w.durationMinutes,
    modality: w.modality,
    location: w.location,
    onlineUrl: w.onlineUrl,
    priceClp: w.priceClp,
    totalSeats: w.totalSeats,
    isActive: w.isActive,
    cancellationCutoffHours: w.cancellationCutoffHours,
    unpaidExpiryHours: w.unpaidExpiryHours,
    cancelledAt: w.cancelledAt,
  };
}

async function assertNameFree(trx: Tx, name: string, exceptId: number | null) {
  let query = trx.selectFrom('workshops').select('id').where('name', '=', name);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ValidationError({ nombre: NAME_TAKEN_MESSAGE });
}

async function assertCategory(trx: Tx, categoryId: number | null) {
  if (categoryId === null) return;
  const found = await trx
    .selectFrom('interests')
    .select('id')
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!found) throw new ValidationError({ categoria: 'Esa categoría ya no existe: elige otra.' });
}

const values = (input: WorkshopInput) => ({
  name: input.name,
  description: input.description,
  categoryId: input.categoryId,
  startsAt: input.startsAt.toISOString(),
  durationMinutes: input.durationMinutes,
  modality: input.modality,
  location: input.location,
  onlineUrl: input.onlineUrl,
  priceClp: input.priceClp,
  isActive: input.isActive,
  cancellationCutoffHours: input.cancellationCutoffHours,
  unpaidExpiryHours: input.unpaidExpiryHours,
});

/**
 * Creates a workshop (no seats taken yet) and audits it. Throws ValidationError when the name is
 * taken, the category is gone or the start is in the past.
 */
export async function createWorkshopByStaff(
  trx: Tx,
  input: WorkshopInput,
  ctx: ServiceContext,
): Promise<number> {
  if (input.startsAt <= ctx.now) throw new ValidationError({ fecha: PAST_DATE_MESSAGE });
  await assertNameFree(trx, input.name, null);
  await assertCategory(trx, input.categoryId);
  const now = ctx.now.toISOString();
  const row = await withUniqueCheck(
    () =>
      trx
        .insertInto('workshops')
        .values({ ...values(input), totalSeats: input.totalSeats, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    () => new ValidationError({ nombre: NAME_TAKEN_MESSAGE }),
  );
  const created = (await readWorkshop(trx, row.id))!;
  await recordAudit(
    trx,
    { entityType: 'workshop', entityId: row.id, action: 'create', after: snapshot(created) },
    ctx,
  );
  return row.id;
}

export type UpdateWorkshopResult = { dateChanged: boolean; notified: number; offered: number };

/**
 * Saves every field of a workshop. The total seats are changed with a conditional UPDATE
 * (`WHERE seats_taken + seats_held <= new total`), so a concurrent enrollment can never leave the
 * workshop oversold (the old system read the "old total" after the form had overwritten it, defect
 * 12); more seats are offered to the waitlist at once. A new date notifies every active enrollment
 * (workshop_changed) in the same transaction. Throws NotFoundError or ValidationError (seats below
 * those taken, name taken, category gone, new date in the past).
 */
export async function updateWorkshopByStaff(
  trx: Tx,
  id: number,
  input: WorkshopInput & { waitlistHoldHours: number },
  ctx: ServiceContext,
): Promise<UpdateWorkshopResult> {
  const before = await readWorkshop(trx, id);
  if (!before) throw new NotFoundError('Ese taller no existe.');
  const startsAt = input.startsAt.toISOString();
  const dateChanged = startsAt !== before.startsAt;
  if (dateChanged && input.startsAt <= ctx.now) throw new ValidationError({ fecha: PAST_DATE_MESSAGE });
  await assertNameFree(trx, input.name, id);
  await assertCategory(trx, input.categoryId);

  const updated = await trx
    .updateTable('workshops')
    .set({ ...values(input), totalSeats: input.totalSeats, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .where(sql<boolean>`seats_taken + seats_held <= ${input.totalSeats}`)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    const now = await readWorkshop(trx, id);
    throw new ValidationError({
      cupos: seatsBelowTakenMessage(now?.seatsTaken ?? before.seatsTaken, now?.seatsHeld ?? before.seatsHeld),
    });
  }
  const after = (await readWorkshop(trx, id))!;
  await recordAudit(
    trx,
    {
      entityType: 'workshop',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    },
    ctx,
  );

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
 * history and may carry payments) is deactivated instead. Audited either way. Throws NotFoundError.
 */
export async function deleteWorkshopByStaff(
  trx: Tx,
  id: number,
  ctx: ServiceContext,
): Promise<{ outcome: 'deleted' | 'deactivated'; name: string }> {
  const before = await readWorkshop(trx, id);
  if (!before) throw new NotFoundError('Ese taller no existe.');
  if ((await countEnrollmentsOf(trx, id)) > 0) {
    await trx
      .updateTable('workshops')
      .set({ isActive: false, updatedAt: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        entityType: 'workshop',
        entityId: id,
        action: 'update',
        before: { isActive: before.isActive },
        after: { isActive: false },
      },
      ctx,
    );
    return { outcome: 'deactivated', name: before.name };
  }
  await trx.deleteFrom('workshops').where('id', '=', id).execute();
  await recordAudit(
    trx,
    { entityType: 'workshop', entityId: id, action: 'delete', before: snapshot(before) },
    ctx,
  );
  return { outcome: 'deleted', name: before.name };
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
  const before = await readWorkshop(trx, id);
  if (!before) throw new NotFoundError('Ese taller no existe.');
  const now = ctx.now.toISOString();
  const claimed = await trx
    .updateTable('workshops')
    .set({ cancelledAt: now, isActive: false, updatedAt: now })
    .where('id', '=', id)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new WorkshopAlreadyCancelledError();

  const cancelled = await trx
    .updateTable('enrollments')
    .set({ status: 'ANULADO', cancelledAt: now, refundDueClp: sql<number>`amount_paid_clp`, expiresAt: null })
    .where('workshopId', '=', id)
    .where('status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .returning(['id', 'customerId', 'refundDueClp'])
    .execute();
  if (cancelled.length > 0) await releaseSeats(trx, id, cancelled.length);

  const offers = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'EXPIRED', resolvedAt: now })
    .where('workshopId', '=', id)
    .where('status', '=', 'OFFERED')
    .returning(['id', 'customerId'])
    .execute();
  for (const _ of offers) await releaseHold(trx, id);
  const waiting = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'LEFT', resolvedAt: now })
    .where('workshopId', '=', id)
    .where('status', '=', 'WAITING')
    .returning(['id', 'customerId'])
    .execute();

  const customerIds = [...new Set([...cancelled, ...offers, ...waiting].map((r) => r.customerId))];
  const customers = new Map(
    customerIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('customers')
            .select(['id', 'fullName', 'email'])
            .where('id', 'in', customerIds)
            .execute()
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
    ...[...offers, ...waiting]
      .filter((w) => !notifiedCustomers.has(w.customerId))
      .map((w) => message(w.customerId, null, 0)),
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
    .set({ attendedAt: input.present ? ctx.now.toISOString() : null })
    .where('workshopId', '=', input.workshopId)
    .where('id', 'in', input.enrollmentIds)
    .where('status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .where('attendedAt', input.present ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
