import type { Db, Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';

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
