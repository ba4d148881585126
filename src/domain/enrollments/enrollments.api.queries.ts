import type { Db } from '../../db/database';
import type { EnrollmentStatus } from '../../db/schema';
import type { KeysetPage } from '../../lib/keyset';

export type ApiEnrollmentFilter = {
  workshopId: number | null;
  customerId: number | null;
  status: EnrollmentStatus | null;
  /**
   * Enrollments that changed since then. They keep no last-changed column, so a change is one of
   * the events they record: made, cancelled, checked in, marked a no-show, a payment or refund
   * recorded against them, or a companion's seat given up (the only ways their amounts, seats and
   * status move).
   */
  updatedSince: string | null;
};

function baseQuery(db: Db) {
  return db
    .selectFrom('enrollments')
    .select([
      'id',
      'customerId',
      'workshopId',
      'status',
      'amountDueClp',
      'amountPaidClp',
      'refundDueClp',
      'createdAt',
      'cancelledAt',
      'expiresAt',
      'attendedAt',
      'seats',
    ]);
}

type ApiEnrollmentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
export type ApiEnrollment = ApiEnrollmentRow & {
  companions: { id: number; position: number; name: string | null }[];
};

/** The rows with their companions still holding a seat, read in one query. */
async function withCompanions(db: Db, rows: ApiEnrollmentRow[]): Promise<ApiEnrollment[]> {
  const companions =
    rows.length === 0
      ? []
      : await db
          .selectFrom('enrollmentCompanions')
          .select(['id', 'enrollmentId', 'position', 'name'])
          .where(
            'enrollmentId',
            'in',
            rows.map((r) => r.id),
          )
          .where('cancelledAt', 'is', null)
          .orderBy('position')
          .execute();
  return rows.map((r) => ({
    ...r,
    companions: companions
      .filter((c) => c.enrollmentId === r.id)
      .map(({ id, position, name }) => ({ id, position, name })),
  }));
}

/** Enrollments in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiEnrollments(
  db: Db,
  filter: ApiEnrollmentFilter,
  page: KeysetPage,
): Promise<ApiEnrollment[]> {
  let query = baseQuery(db);
  if (filter.workshopId !== null) query = query.where('workshopId', '=', filter.workshopId);
  if (filter.customerId !== null) query = query.where('customerId', '=', filter.customerId);
  if (filter.status !== null) query = query.where('status', '=', filter.status);
  const since = filter.updatedSince;
  if (since !== null)
    query = query.where((eb) =>
      eb.or([
        eb('enrollments.createdAt', '>=', since),
        eb('enrollments.cancelledAt', '>=', since),
        eb('enrollments.attendedAt', '>=', since),
        eb('enrollments.noShowAt', '>=', since),
        eb.exists(
          eb
            .selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.enrollmentId', '=', 'enrollments.id')
            .where('payments.createdAt', '>=', since),
        ),
        // A companion's seat given up changes the seats and the amounts.
        eb.exists(
          eb
            .selectFrom('enrollmentCompanions')
            .select('enrollmentCompanions.id')
            .whereRef('enrollmentCompanions.enrollmentId', '=', 'enrollments.id')
            .where('enrollmentCompanions.cancelledAt', '>=', since),
        ),
      ]),
    );
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  return withCompanions(
    db,
    await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute(),
  );
}

export async function findApiEnrollment(db: Db, id: number): Promise<ApiEnrollment | undefined> {
  const row = await baseQuery(db).where('id', '=', id).executeTakeFirst();
  return row ? (await withCompanions(db, [row]))[0] : undefined;
}
