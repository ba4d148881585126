import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES, type EnrollmentStatus, type Modality } from '../../db/schema';
import { folded, searchConditions, wordsMatch } from '../../db/search';
import { owedSql } from '../balance';

export const WORKSHOP_SORTS = ['fecha', 'nombre', 'precio', 'ocupacion', 'categoria'] as const;
export type WorkshopSort = (typeof WORKSHOP_SORTS)[number];

export type WorkshopFilters = {
  q: string;
  /** Santiago calendar days, inclusive, as UTC bounds already. */
  fromUtc: string | null;
  toUtc: string | null;
  categoryId: number | null;
  modality: Modality | null;
  active: boolean | null;
  /** A location chosen in the filter. */
  locationId?: number | null;
  /** The locations the staff member may see (null: every one); enforced here, not in the page. */
  scope?: number[] | null;
};

function filtered(db: Db, f: WorkshopFilters) {
  let query = db.selectFrom('workshops').leftJoin('interests', 'interests.id', 'workshops.categoryId');
  if (f.fromUtc) query = query.where('workshops.startsAt', '>=', f.fromUtc);
  if (f.toUtc) query = query.where('workshops.startsAt', '<', f.toUtc);
  if (f.categoryId) query = query.where('workshops.categoryId', '=', f.categoryId);
  if (f.modality) query = query.where('workshops.modality', '=', f.modality);
  if (f.active !== null) query = query.where('workshops.isActive', '=', f.active);
  if (f.locationId) query = query.where('workshops.locationId', '=', f.locationId);
  if (f.scope) query = query.where('workshops.locationId', 'in', f.scope.length > 0 ? f.scope : [0]);
  for (const condition of wordsMatch(f.q, { folded: ['workshops.name'] })) query = query.where(condition);
  return query;
}

export async function countAdminWorkshops(db: Db, f: WorkshopFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type AdminWorkshopRow = {
  id: number;
  name: string;
  categoryName: string | null;
  startsAt: string;
  modality: Modality;
  priceClp: number;
  totalSeats: number;
  seatsTaken: number;
  seatsHeld: number;
  isActive: boolean;
  cancelledAt: string | null;
};

export async function listAdminWorkshops(
  db: Db,
  f: WorkshopFilters,
  order: { sort: WorkshopSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
): Promise<AdminWorkshopRow[]> {
  const sortColumn = {
    fecha: sql`workshops.starts_at`,
    nombre: folded('workshops.name'),
    precio: sql`workshops.price_clp`,
    // Occupancy as a share of the seats, so a full 6-seat workshop sorts above a half-full 20-seat one.
    ocupacion: sql`(workshops.seats_taken * 1.0) / (case when workshops.total_seats = 0 then 1 else workshops.total_seats end)`,
    categoria: folded('interests.name'),
  }[order.sort];
  return filtered(db, f)
    .select([
      'workshops.id',
      'workshops.name',
      'interests.name as categoryName',
      'workshops.startsAt',
      'workshops.modality',
      'workshops.priceClp',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
      'workshops.isActive',
      'workshops.cancelledAt',
    ])
    .orderBy(sortColumn, order.dir)
    .orderBy('workshops.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

/** Every column staff edit, plus the counters, for the edit form and the detail page. */
export async function findAdminWorkshop(db: Db | Tx, id: number) {
  return db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.description',
      'workshops.imagePath',
      'workshops.categoryId',
      'interests.name as categoryName',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.location',
      'workshops.onlineUrl',
      'workshops.priceClp',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
      'workshops.isActive',
      'workshops.cancellationCutoffHours',
      'workshops.unpaidExpiryHours',
      'workshops.whatIncluded',
      'workshops.whatToBring',
      'workshops.facilitatorName',
      'workshops.facilitatorId',
      'workshops.cancelledAt',
      'workshops.locationId',
      'workshops.createdAt',
      'workshops.updatedAt',
    ])
    .where('workshops.id', '=', id)
    .executeTakeFirst();
}
export type AdminWorkshop = NonNullable<Awaited<ReturnType<typeof findAdminWorkshop>>>;

export type AttendeeRow = {
  id: number;
  customerId: number;
  fullName: string;
  email: string;
  phone: string | null;
  status: EnrollmentStatus;
  amountDueClp: number;
  amountPaidClp: number;
  owedClp: number;
  refundDueClp: number;
  createdAt: string;
  cancelledAt: string | null;
  attendedAt: string | null;
  /** Seats the enrollment holds, the customer's included, and its companions still booked. */
  seats: number;
  companions: { id: number; position: number; name: string | null }[];
};

/** The enrollments of a workshop, active first (by name), then the cancelled ones. */
export async function listAttendees(db: Db, workshopId: number, options: { includeCancelled: boolean }) {
  let query = db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .select([
      'enrollments.id',
      'enrollments.customerId',
      'customers.fullName',
      'customers.email',
      'customers.phone',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      owedSql('enrollments').as('owedClp'),
      'enrollments.refundDueClp',
      'enrollments.createdAt',
      'enrollments.cancelledAt',
      'enrollments.attendedAt',
      'enrollments.seats',
    ])
    .where('enrollments.workshopId', '=', workshopId);
  if (!options.includeCancelled) query = query.where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES);
  const rows = await query
    .orderBy(sql`case when enrollments.status = 'ANULADO' then 1 else 0 end`)
    .orderBy('customers.fullName')
    .orderBy('enrollments.id')
    .execute();
  // Companions in one read (enrollments' table, read only), shown under the customer who booked.
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
  return rows.map(
    (r): AttendeeRow => ({
      ...r,
      companions: companions
        .filter((c) => c.enrollmentId === r.id)
        .map(({ id, position, name }) => ({ id, position, name })),
    }),
  );
}

/** How many people wait and how many hold an offer, for the detail page. */
export async function waitlistCounts(db: Db, workshopId: number) {
  const rows = await db
    .selectFrom('waitlistEntries')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('workshopId', '=', workshopId)
    .where('status', 'in', ['WAITING', 'OFFERED'])
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { waiting: count('WAITING'), offered: count('OFFERED') };
}

/** Customers matching a search, for the "enroll by hand" picker. */
export async function searchCustomersForEnrollment(db: Db, q: string, limit = 15) {
  const conditions = searchConditions('customers.searchText', q);
  if (conditions.length === 0) return [];
  let query = db.selectFrom('customers').select(['id', 'fullName', 'email', 'phone']);
  for (const condition of conditions) query = query.where(condition);
  return query.orderBy('fullName').orderBy('id').limit(limit).execute();
}

/** Workshops for pickers (debtors filter, e-mail segments): newest first. */
export async function listWorkshopOptions(db: Db, limit = 300) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt'])
    .orderBy('startsAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Whether a staff member limited to `scope` may see and manage this workshop (its rosters,
 * enrollments and payments included). Null scope: every workshop.
 */
export async function isWorkshopInScope(
  db: Db,
  workshopId: number,
  scope: number[] | null,
): Promise<boolean> {
  if (scope === null) return true;
  if (scope.length === 0) return false;
  const row = await db
    .selectFrom('workshops')
    .select('id')
    .where('id', '=', workshopId)
    .where('locationId', 'in', scope)
    .executeTakeFirst();
  return row !== undefined;
}
