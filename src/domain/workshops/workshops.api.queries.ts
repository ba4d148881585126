import type { Db } from '../../db/database';
import type { KeysetPage } from '../../lib/keyset';

export type ApiWorkshopFilter = {
  categoryId: number | null;
  /** Inclusive bounds on the start, ISO-8601 UTC. */
  startsFrom: string | null;
  startsBefore: string | null;
  updatedSince: string | null;
};

const seatsLeftOf = (row: { totalSeats: number; seatsTaken: number; seatsHeld: number }) =>
  Math.max(0, row.totalSeats - row.seatsTaken - row.seatsHeld);

function baseQuery(db: Db) {
  return db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.description',
      'workshops.categoryId',
      'interests.name as categoryName',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.location',
      'workshops.priceClp',
      'workshops.totalSeats',
      'workshops.seatsTaken',
      'workshops.seatsHeld',
      'workshops.facilitatorName',
      'workshops.cancelledAt',
      'workshops.updatedAt',
    ])
    .where('workshops.isActive', '=', true);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const withSeatsLeft = ({ seatsTaken, seatsHeld, ...row }: Row) => ({
  ...row,
  seatsLeft: seatsLeftOf({ totalSeats: row.totalSeats, seatsTaken, seatsHeld }),
});

export type ApiWorkshop = ReturnType<typeof withSeatsLeft>;

/**
 * The published workshops (retired ones are not shown; cancelled ones are, with cancelledAt), in
 * id order for keyset pagination; reads limit + 1 rows.
 */
export async function listApiWorkshops(
  db: Db,
  filter: ApiWorkshopFilter,
  page: KeysetPage,
): Promise<ApiWorkshop[]> {
  let query = baseQuery(db);
  if (filter.categoryId !== null) query = query.where('workshops.categoryId', '=', filter.categoryId);
  if (filter.startsFrom !== null) query = query.where('workshops.startsAt', '>=', filter.startsFrom);
  if (filter.startsBefore !== null) query = query.where('workshops.startsAt', '<', filter.startsBefore);
  if (filter.updatedSince !== null) query = query.where('workshops.updatedAt', '>=', filter.updatedSince);
  if (page.afterId !== null) query = query.where('workshops.id', '>', page.afterId);
  const rows = await query
    .orderBy('workshops.id')
    .limit(page.limit + 1)
    .execute();
  return rows.map(withSeatsLeft);
}

export async function findApiWorkshop(db: Db, id: number): Promise<ApiWorkshop | undefined> {
  const row = await baseQuery(db).where('workshops.id', '=', id).executeTakeFirst();
  return row && withSeatsLeft(row);
}
