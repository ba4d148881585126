import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { Modality } from '../../db/schema';
import { type WorkshopPricing, workshopPricing } from './early-bird';

export type WorkshopCardRow = {
  id: number;
  name: string;
  description: string;
  imagePath: string | null;
  categoryName: string | null;
  startsAt: string;
  durationMinutes: number;
  modality: 'PRESENCIAL' | 'ONLINE';
  priceClp: number;
  totalSeats: number;
  seatsLeft: number;
  earlyPriceClp: number | null;
  earlyUntilDays: number | null;
  /** What it costs now (the early-bird price while it applies). */
  pricing: WorkshopPricing;
};

const seatsLeftOf = (row: { totalSeats: number; seatsTaken: number; seatsHeld: number }) =>
  Math.max(0, row.totalSeats - row.seatsTaken - row.seatsHeld);

const cardColumns = [
  'workshops.id',
  'workshops.name',
  'workshops.description',
  'workshops.imagePath',
  'interests.name as categoryName',
  'workshops.startsAt',
  'workshops.durationMinutes',
  'workshops.modality',
  'workshops.priceClp',
  'workshops.totalSeats',
  'workshops.seatsTaken',
  'workshops.seatsHeld',
  'workshops.earlyPriceClp',
  'workshops.earlyUntilDays',
] as const;

/** What the catalogue offers: active, not cancelled, not started yet. */
function offeredWorkshops(db: Db, now: Date) {
  return db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .where('workshops.isActive', '=', true)
    .where('workshops.cancelledAt', 'is', null)
    .where('workshops.startsAt', '>', now.toISOString());
}

/** Active workshops that have not started yet, soonest first. */
export async function listUpcomingWorkshops(db: Db, now: Date, limit: number): Promise<WorkshopCardRow[]> {
  const rows = await offeredWorkshops(db, now)
    .select(cardColumns)
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .limit(limit)
    .execute();
  return rows.map(({ seatsTaken, seatsHeld, ...row }) => ({
    ...row,
    seatsLeft: seatsLeftOf({ totalSeats: row.totalSeats, seatsTaken, seatsHeld }),
    pricing: workshopPricing(row, now),
  }));
}

export type CatalogueFilter = {
  categoryId?: number | undefined;
  /** A location (sede). */
  locationId?: number | undefined;
  modality?: Modality | undefined;
  /** Start (inclusive) and end (exclusive) of a Santiago calendar month, as UTC instants. */
  from?: Date | undefined;
  to?: Date | undefined;
};

function catalogueQuery(db: Db, now: Date, filter: CatalogueFilter) {
  let query = offeredWorkshops(db, now);
  if (filter.categoryId !== undefined) query = query.where('workshops.categoryId', '=', filter.categoryId);
  if (filter.modality) query = query.where('workshops.modality', '=', filter.modality);
  if (filter.locationId !== undefined) query = query.where('workshops.locationId', '=', filter.locationId);
  if (filter.from) query = query.where('workshops.startsAt', '>=', filter.from.toISOString());
  if (filter.to) query = query.where('workshops.startsAt', '<', filter.to.toISOString());
  return query;
}

export async function countCatalogueWorkshops(db: Db, now: Date, filter: CatalogueFilter): Promise<number> {
  const row = await catalogueQuery(db, now, filter)
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  return row.total;
}

/** One page of the catalogue with the filters applied, soonest first. */
export async function listCatalogueWorkshops(
  db: Db,
  now: Date,
  filter: CatalogueFilter,
  page: { limit: number; offset: number },
): Promise<WorkshopCardRow[]> {
  const rows = await catalogueQuery(db, now, filter)
    .select(cardColumns)
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(({ seatsTaken, seatsHeld, ...row }) => ({
    ...row,
    seatsLeft: seatsLeftOf({ totalSeats: row.totalSeats, seatsTaken, seatsHeld }),
    pricing: workshopPricing(row, now),
  }));
}

export type CalendarWorkshopRow = {
  id: number;
  name: string;
  startsAt: string;
  durationMinutes: number;
  modality: Modality;
  categoryName: string | null;
  seatsLeft: number;
};

/**
 * What the catalogue offers between two instants (a Santiago month), soonest first, with only what
 * a calendar cell shows. At most `limit` rows: a month of a real centre holds a few dozen.
 */
export async function listCalendarWorkshops(
  db: Db,
  now: Date,
  filter: CatalogueFilter & { from: Date; to: Date },
  limit: number,
): Promise<CalendarWorkshopRow[]> {
  const rows = await catalogueQuery(db, now, filter)
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'interests.name as categoryName',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
    ])
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .limit(limit)
    .execute();
  return rows.map(({ totalSeats, seatsTaken, seatsHeld, ...row }) => ({
    ...row,
    seatsLeft: seatsLeftOf({ totalSeats, seatsTaken, seatsHeld }),
  }));
}

/** The public calendar feed: offered workshops with the catalogue's filters, soonest first. */
export async function listFeedWorkshops(db: Db, now: Date, filter: CatalogueFilter, limit: number) {
  return catalogueQuery(db, now, filter)
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.description',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.location',
    ])
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .limit(limit)
    .execute();
}

/** Categories (interests) that at least one workshop uses, for the catalogue filter. */
export async function listWorkshopCategories(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('interests')
    .select(['interests.id', 'interests.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('workshops')
          .select('workshops.id')
          .whereRef('workshops.categoryId', '=', 'interests.id'),
      ),
    )
    .orderBy('interests.name')
    .execute();
}

export type WorkshopDetail = {
  id: number;
  name: string;
  description: string;
  imagePath: string | null;
  categoryId: number | null;
  categoryName: string | null;
  startsAt: string;
  durationMinutes: number;
  modality: Modality;
  location: string | null;
  priceClp: number;
  totalSeats: number;
  seatsLeft: number;
  isActive: boolean;
  cancelledAt: string | null;
  cancellationCutoffHours: number;
  unpaidExpiryHours: number | null;
  whatIncluded: string | null;
  whatToBring: string | null;
  facilitatorName: string | null;
  /** The facilitator record, when the workshop has one (it wins over facilitatorName). */
  facilitator: { name: string; bio: string | null; imagePath: string | null } | null;
  earlyPriceClp: number | null;
  earlyUntilDays: number | null;
  /** Its location (sede): name, address and maps link. */
  locationId: number | null;
  locationName: string | null;
  locationAddress: string | null;
  locationMapsUrl: string | null;
};

export async function findWorkshopDetail(db: Db, id: number): Promise<WorkshopDetail | undefined> {
  const row = await db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .leftJoin('facilitators', 'facilitators.id', 'workshops.facilitatorId')
    .leftJoin('locations', 'locations.id', 'workshops.locationId')
    .select([
      'facilitators.name as facilitatorRecordName',
      'facilitators.bio as facilitatorBio',
      'facilitators.imagePath as facilitatorImagePath',
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
      'workshops.locationId',
      'locations.name as locationName',
      'locations.address as locationAddress',
      'locations.mapsUrl as locationMapsUrl',
      'workshops.priceClp',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
      'workshops.isActive',
      'workshops.cancelledAt',
      'workshops.cancellationCutoffHours',
      'workshops.unpaidExpiryHours',
      'workshops.whatIncluded',
      'workshops.whatToBring',
      'workshops.facilitatorName',
      'workshops.earlyPriceClp',
      'workshops.earlyUntilDays',
    ])
    .where('workshops.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { seatsTaken, seatsHeld, facilitatorRecordName, facilitatorBio, facilitatorImagePath, ...rest } = row;
  return {
    ...rest,
    seatsLeft: seatsLeftOf({ totalSeats: row.totalSeats, seatsTaken, seatsHeld }),
    facilitator: facilitatorRecordName
      ? { name: facilitatorRecordName, bio: facilitatorBio, imagePath: facilitatorImagePath }
      : null,
  };
}

/** The workshop as the enrollment and waitlist services need it, read inside their transaction. */
export async function findWorkshopForEnrollment(trx: Tx, id: number) {
  return trx
    .selectFrom('workshops')
    .select([
      'id',
      'name',
      'startsAt',
      'durationMinutes',
      'modality',
      'location',
      'onlineUrl',
      'priceClp',
      'categoryId',
      'isActive',
      'cancelledAt',
      'cancellationCutoffHours',
      'unpaidExpiryHours',
      'totalSeats',
      'seatsTaken',
      'seatsHeld',
      'earlyPriceClp',
      'earlyUntilDays',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Seats left per workshop, for the live counters (one query for a whole page of cards). */
export async function listSeatsLeft(db: Db, ids: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('workshops')
    .select(['id', 'totalSeats', 'seatsTaken', 'seatsHeld'])
    .where('id', 'in', ids)
    .execute();
  for (const row of rows) result.set(row.id, seatsLeftOf(row));
  return result;
}

/** A workshop's name, date and prices (the waitlist offer page reads workshopPricing from them). */
export async function findWorkshopSummary(db: Db, id: number) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt', 'priceClp', 'earlyPriceClp', 'earlyUntilDays'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A workshop's seats, for the staff waitlist page. */
export async function findWorkshopSeats(db: Db, id: number) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt', 'totalSeats', 'seatsTaken', 'seatsHeld'])
    .where('id', '=', id)
    .executeTakeFirst();
}
