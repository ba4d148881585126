import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

const COLUMNS = ['id', 'name', 'address', 'mapsUrl', 'rooms'] as const;

export function findLocation(db: Db | Tx, id: number) {
  return db.selectFrom('locations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type LocationRecord = NonNullable<Awaited<ReturnType<typeof findLocation>>>;

/** Every location by name, for selects and filters. */
export function listLocationOptions(db: Db | Tx) {
  return db.selectFrom('locations').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/** The location a workshop gets when nobody chose one: the first made (the migration's). */
export async function defaultLocationId(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom('locations').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The locations a staff member may see and manage, or null when they are not limited: admins
 * always see every location (they assign the others), and so does staff with no rows in
 * user_locations.
 */
export async function staffLocationScope(
  db: Db | Tx,
  user: { id: number; role: string },
): Promise<number[] | null> {
  if (user.role === 'admin') return null;
  const rows = await db
    .selectFrom('userLocations')
    .select('locationId')
    .where('userId', '=', user.id)
    .execute();
  return rows.length === 0 ? null : rows.map((r) => r.locationId);
}

export type LocationListFilters = { q: string };
export const LOCATION_SORTS = ['nombre'] as const;

function filtered(db: Db, f: LocationListFilters) {
  let query = db.selectFrom('locations');
  const q = f.q.trim().toLowerCase();
  if (q) query = query.where(sql<boolean>`lower(locations.name) like ${`%${q}%`}`);
  return query;
}

export async function countLocations(db: Db, f: LocationListFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The staff list: each location with its address and how many workshops and staff it has. */
export function listLocations(
  db: Db,
  f: LocationListFilters,
  order: { sort: (typeof LOCATION_SORTS)[number]; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filtered(db, f)
    .select((eb) => [
      'locations.id',
      'locations.name',
      'locations.address',
      'locations.rooms',
      eb
        .selectFrom('workshops')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('workshops.locationId', '=', 'locations.id')
        .as('workshops'),
      eb
        .selectFrom('userLocations')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('userLocations.locationId', '=', 'locations.id')
        .as('staff'),
    ])
    .orderBy('locations.name', order.dir)
    .orderBy('locations.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}
export type LocationListRow = Awaited<ReturnType<typeof listLocations>>[number];

/** Staff and admins, each with whether they are limited to this location. */
export function listStaffForLocation(db: Db, locationId: number) {
  return db
    .selectFrom('users')
    .leftJoin('userLocations', (j) =>
      j.onRef('userLocations.userId', '=', 'users.id').on('userLocations.locationId', '=', locationId),
    )
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'userLocations.locationId'])
    .where('users.role', 'in', ['staff', 'admin'])
    .where('users.isActive', '=', true)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}
