import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';
import { owedSql } from '../balance';

/** The customer's active (seat-holding) enrollment in a workshop, if any. */
export async function findActiveEnrollment(db: Db | Tx, customerId: number, workshopId: number) {
  return db
    .selectFrom('enrollments')
    .select(['id', 'status', 'amountDueClp', 'amountPaidClp'])
    .where('customerId', '=', customerId)
    .where('workshopId', '=', workshopId)
    .where('status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .executeTakeFirst();
}

/** An enrollment with what the payment page, cancellation and e-mails need. */
export async function findEnrollmentSummary(db: Db | Tx, id: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      owedSql('enrollments').as('owedClp'),
      'enrollments.refundDueClp',
      'enrollments.createdAt',
      'enrollments.expiresAt',
      'enrollments.cancelledAt',
      'enrollments.customerId',
      'enrollments.workshopId',
      'customers.fullName as customerName',
      'customers.email as customerEmail',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'workshops.modality',
      'workshops.cancellationCutoffHours',
      'enrollments.discountClp',
      'enrollments.isEarlyBird',
      'workshops.priceClp as workshopPriceClp',
      'workshops.categoryId',
      'enrollments.seats',
      'enrollments.paidWith',
    ])
    .where('enrollments.id', '=', id)
    .executeTakeFirst();
}

export type EnrollmentSummary = NonNullable<Awaited<ReturnType<typeof findEnrollmentSummary>>>;

/** PENDIENTE enrollments whose unpaid hold lapsed, oldest first (the expiry job's work list). */
export async function listExpiredUnpaidEnrollmentIds(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select('id')
    .where('status', '=', 'PENDIENTE')
    .where('expiresAt', 'is not', null)
    .where('expiresAt', '<=', now.toISOString())
    .orderBy('expiresAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Active enrollments of a workshop with who to notify (date change, cancellation). */
export async function listActiveEnrollmentContacts(trx: Tx, workshopId: number) {
  return trx
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .select(['enrollments.id', 'enrollments.customerId', 'customers.fullName', 'customers.email'])
    .where('enrollments.workshopId', '=', workshopId)
    .where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .orderBy('enrollments.id')
    .execute();
}

export async function countEnrollmentsOf(trx: Tx, workshopId: number): Promise<number> {
  const row = await trx
    .selectFrom('enrollments')
    .select(sql<number>`count(*)`.as('n'))
    .where('workshopId', '=', workshopId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Name and e-mail of customers, for notices to people whose bookings changed. */
export async function findCustomerContacts(trx: Tx, customerIds: number[]) {
  if (customerIds.length === 0) return [];
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email'])
    .where('id', 'in', [...new Set(customerIds)])
    .execute();
}

/** The customer's enrollments with their workshop, latest workshop first. */
export async function listCustomerEnrollments(db: Db, customerId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      'enrollments.refundDueClp',
      'enrollments.createdAt',
      'workshops.id as workshopId',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'workshops.cancelledAt as workshopCancelledAt',
      'enrollments.seats',
    ])
    .where('enrollments.customerId', '=', customerId)
    .orderBy('workshops.startsAt', 'desc')
    .orderBy('enrollments.id', 'desc')
    .execute();
}

/**
 * What the customer's calendar feed lists: every booking of a workshop from `since` on, with
 * what an event needs. Cancelled bookings and cancelled workshops stay in (as cancelled events)
 * so calendars that showed them remove them.
 */
export async function listCalendarEnrollments(db: Db, customerId: number, since: Date) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'workshops.id as workshopId',
      'workshops.name',
      'workshops.description',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.location',
      'workshops.onlineUrl',
      'workshops.cancelledAt as workshopCancelledAt',
      'enrollments.seats',
    ])
    .where('enrollments.customerId', '=', customerId)
    .where('workshops.startsAt', '>=', since.toISOString())
    .orderBy('workshops.startsAt')
    .orderBy('enrollments.id')
    .execute();
}

/** Enrollments of one customer move to another (a duplicate merged). Returns how many. */
export async function reassignEnrollments(trx: Tx, fromId: number, toId: number): Promise<number> {
  const result = await trx
    .updateTable('enrollments')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Workshops where both customers hold an active enrollment (they cannot become one customer). */
export async function findSharedActiveWorkshops(trx: Tx, aId: number, bId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('enrollments as a')
    .innerJoin('enrollments as b', 'b.workshopId', 'a.workshopId')
    .innerJoin('workshops as w', 'w.id', 'a.workshopId')
    .select('w.name')
    .where('a.customerId', '=', aId)
    .where('b.customerId', '=', bId)
    .where('a.status', '<>', 'ANULADO')
    .where('b.status', '<>', 'ANULADO')
    .execute();
  return rows.map((r) => r.name);
}

/** True when the enrollment is one of this workshop's (staff actions on a workshop page). */
export async function isEnrollmentOfWorkshop(db: Db, enrollmentId: number, workshopId: number) {
  const found = await db
    .selectFrom('enrollments')
    .select('id')
    .where('id', '=', enrollmentId)
    .where('workshopId', '=', workshopId)
    .executeTakeFirst();
  return found !== undefined;
}

/** The companions' seats of a new booking (seats 2…`seats`), named where a name was given. */
export async function insertCompanions(
  trx: Tx,
  enrollmentId: number,
  seats: number,
  names: (string | null | undefined)[],
  now: Date,
): Promise<void> {
  await trx
    .insertInto('enrollmentCompanions')
    .values(
      Array.from({ length: seats - 1 }, (_, i) => ({
        enrollmentId,
        position: i + 2,
        name: names[i]?.trim() || null,
        createdAt: now.toISOString(),
      })),
    )
    .execute();
}

/** The companions of some enrollments still holding their seat, in seat order. */
export async function listActiveCompanions(db: Db | Tx, enrollmentIds: number[]) {
  if (enrollmentIds.length === 0) return [];
  return db
    .selectFrom('enrollmentCompanions')
    .select(['id', 'enrollmentId', 'position', 'name'])
    .where('enrollmentId', 'in', enrollmentIds)
    .where('cancelledAt', 'is', null)
    .orderBy('enrollmentId')
    .orderBy('position')
    .execute();
}

export type CompanionRow = Awaited<ReturnType<typeof listActiveCompanions>>[number];

/** How a companion is shown: their name, or the seat's number when the customer gave none. */
export const companionLabel = (c: { position: number; name: string | null }) =>
  c.name ?? `Acompañante ${c.position - 1}`;
