import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { owedSql } from '../balance';

const SERIES_COLUMNS = [
  'series.id',
  'series.name',
  'series.description',
  'series.categoryId',
  'series.priceClp',
  'series.totalSeats',
  'series.durationMinutes',
  'series.location',
  'series.facilitatorName',
  'series.weekdays',
  'series.startTime',
  'series.startsOn',
  'series.endsOn',
  'series.sessionCount',
  'series.locationId',
  'series.certificateMinPercent',
  'series.facilitatorId',
] as const;

export function findSeries(db: Db | Tx, id: number) {
  return db
    .selectFrom('series')
    .leftJoin('interests', 'interests.id', 'series.categoryId')
    .leftJoin('locations', 'locations.id', 'series.locationId')
    .leftJoin('facilitators', 'facilitators.id', 'series.facilitatorId')
    .select([
      ...SERIES_COLUMNS,
      'interests.name as categoryName',
      'locations.name as locationName',
      'facilitators.name as facilitatorRecordName',
    ])
    .where('series.id', '=', id)
    .executeTakeFirst();
}
export type SeriesRow = NonNullable<Awaited<ReturnType<typeof findSeries>>>;

/** Every series whose rule may still have dates to generate (no end date, or one not yet past). */
export function listSeriesToGenerate(db: Db | Tx, today: string) {
  return db
    .selectFrom('series')
    .select('id')
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', today)]))
    .orderBy('id')
    .execute();
}

export async function listSessionDates(trx: Tx, seriesId: number): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('seriesSessions')
    .select('sessionDate')
    .where('seriesId', '=', seriesId)
    .execute();
  return new Set(rows.map((r) => r.sessionDate));
}

export type SeriesSessionRow = {
  workshopId: number;
  sessionDate: string;
  appliedFields: string;
  name: string;
  startsAt: string;
  totalSeats: number;
  seatsTaken: number;
  seatsHeld: number;
  priceClp: number;
  isActive: boolean;
  cancelledAt: string | null;
};

/** The sessions of a series in date order, with their workshops' seats and state. */
export function listSeriesSessions(db: Db | Tx, seriesId: number): Promise<SeriesSessionRow[]> {
  return db
    .selectFrom('seriesSessions')
    .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
    .select([
      'seriesSessions.workshopId',
      'seriesSessions.sessionDate',
      'seriesSessions.appliedFields',
      'workshops.name',
      'workshops.startsAt',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
      'workshops.priceClp',
      'workshops.isActive',
      'workshops.cancelledAt',
    ])
    .where('seriesSessions.seriesId', '=', seriesId)
    .orderBy('seriesSessions.sessionDate')
    .execute();
}

export function findSessionLink(db: Db | Tx, workshopId: number) {
  return db
    .selectFrom('seriesSessions')
    .innerJoin('series', 'series.id', 'seriesSessions.seriesId')
    .select(['seriesSessions.seriesId', 'series.name as seriesName'])
    .where('seriesSessions.workshopId', '=', workshopId)
    .executeTakeFirst();
}

/** How much of its series a customer attended, when the session's series sets a certificate minimum. */
export type SeriesCompletion = {
  seriesName: string;
  minPercent: number;
  /** Sessions held so far: not cancelled and started before now. */
  held: number;
  /** Of those, the ones the customer was checked in at (enrollment not annulled). */
  attended: number;
};

/**
 * The customer's attendance over the series of a workshop, counted over the sessions held so far;
 * null when the workshop is not a series session or its series gives certificates per session.
 */
export async function findSeriesCompletion(
  db: Db | Tx,
  input: { workshopId: number; customerId: number },
  now: Date,
): Promise<SeriesCompletion | null> {
  const series = await db
    .selectFrom('seriesSessions')
    .innerJoin('series', 'series.id', 'seriesSessions.seriesId')
    .select(['series.id', 'series.name', 'series.certificateMinPercent'])
    .where('seriesSessions.workshopId', '=', input.workshopId)
    .executeTakeFirst();
  if (!series || series.certificateMinPercent === null) return null;
  const counts = await db
    .selectFrom('seriesSessions')
    .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
    .leftJoin('enrollments', (join) =>
      join
        .onRef('enrollments.workshopId', '=', 'seriesSessions.workshopId')
        .on('enrollments.customerId', '=', input.customerId)
        .on('enrollments.attendedAt', 'is not', null)
        .on('enrollments.status', '<>', 'ANULADO'),
    )
    .select([
      sql<number>`count(distinct series_sessions.workshop_id)`.as('held'),
      sql<number>`count(distinct enrollments.workshop_id)`.as('attended'),
    ])
    .where('seriesSessions.seriesId', '=', series.id)
    .where('workshops.cancelledAt', 'is', null)
    .where('workshops.startsAt', '<=', now.toISOString())
    .executeTakeFirstOrThrow();
  return {
    seriesName: series.name,
    minPercent: series.certificateMinPercent,
    held: Number(counts.held),
    attended: Number(counts.attended),
  };
}

export type SeriesListFilters = { q: string };

function filteredSeries(db: Db, f: SeriesListFilters) {
  let query = db.selectFrom('series').leftJoin('interests', 'interests.id', 'series.categoryId');
  const q = f.q.trim().toLowerCase();
  if (q) query = query.where(sql<boolean>`lower(series.name) like ${`%${q}%`}`);
  return query;
}

export async function countSeries(db: Db, f: SeriesListFilters): Promise<number> {
  const row = await filteredSeries(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type SeriesListRow = Awaited<ReturnType<typeof listSeries>>[number];

export const SERIES_SORTS = ['nombre', 'desde'] as const;
export type SeriesSort = (typeof SERIES_SORTS)[number];

/** The staff list: each series with its rule and how many of its sessions are still to come. */
export function listSeries(
  db: Db,
  f: SeriesListFilters,
  order: { sort: SeriesSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
  now: Date,
) {
  return filteredSeries(db, f)
    .select((eb) => [
      'series.id',
      'series.name',
      'interests.name as categoryName',
      'series.weekdays',
      'series.startTime',
      'series.startsOn',
      'series.endsOn',
      'series.sessionCount',
      'series.priceClp',
      eb
        .selectFrom('seriesSessions')
        .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('seriesSessions.seriesId', '=', 'series.id')
        .where('workshops.startsAt', '>', now.toISOString())
        .where('workshops.cancelledAt', 'is', null)
        .as('upcomingSessions'),
    ])
    .orderBy(order.sort === 'nombre' ? 'series.name' : 'series.startsOn', order.dir)
    .orderBy('series.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

/** Series with a session still to come, for the public list. */
export function listPublicSeries(db: Db, now: Date) {
  return db
    .selectFrom('series')
    .select([
      'series.id',
      'series.name',
      'series.description',
      'series.weekdays',
      'series.startTime',
      'series.priceClp',
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('seriesSessions')
          .innerJoin('workshops', 'workshops.id', 'seriesSessions.workshopId')
          .select('workshops.id')
          .whereRef('seriesSessions.seriesId', '=', 'series.id')
          .where('workshops.startsAt', '>', now.toISOString())
          .where('workshops.isActive', '=', true)
          .where('workshops.cancelledAt', 'is', null),
      ),
    )
    .orderBy('series.name')
    .execute();
}

export function findBooking(db: Db | Tx, id: number) {
  return db
    .selectFrom('seriesBookings')
    .innerJoin('series', 'series.id', 'seriesBookings.seriesId')
    .select([
      'seriesBookings.id',
      'seriesBookings.customerId',
      'seriesBookings.seriesId',
      'series.name as seriesName',
    ])
    .where('seriesBookings.id', '=', id)
    .executeTakeFirst();
}

/** The enrollments of a series booking, in date order, with what each still owes. */
export function listBookingEnrollments(db: Db | Tx, bookingId: number) {
  return db
    .selectFrom('seriesBookingEnrollments')
    .innerJoin('enrollments', 'enrollments.id', 'seriesBookingEnrollments.enrollmentId')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      owedSql('enrollments').as('owedClp'),
      'workshops.name as workshopName',
      'workshops.startsAt',
    ])
    .where('seriesBookingEnrollments.bookingId', '=', bookingId)
    .orderBy('workshops.startsAt')
    .execute();
}

/** The series booking an enrollment belongs to, if any (a series payment's result page links to it). */
export async function findBookingOfEnrollment(db: Db, enrollmentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('seriesBookingEnrollments')
    .select('bookingId')
    .where('enrollmentId', '=', enrollmentId)
    .executeTakeFirst();
  return row?.bookingId ?? null;
}
