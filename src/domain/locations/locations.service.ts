import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findLocation } from './locations.queries';

export type LocationInput = { name: string; address: string; mapsUrl: string | null; rooms: string | null };

const NAME_TAKEN = 'Ya existe una sede con ese nombre: elige otro.';

/** Rooms one a line, blank lines and repeats dropped; null when none. */
const cleanRooms = (rooms: string | null) => {
  const list = [
    ...new Set(
      (rooms ?? '')
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  return list.length > 0 ? list.join('\n') : null;
};

/** Creates a location. Audited. Throws ValidationError when the name is taken. */
export async function createLocation(trx: Tx, input: LocationInput, ctx: ServiceContext): Promise<number> {
  const now = ctx.now.toISOString();
  const values = { ...input, rooms: cleanRooms(input.rooms) };
  const row = await withUniqueCheck(
    () =>
      trx
        .insertInto('locations')
        .values({ ...values, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    () => new ValidationError({ nombre: NAME_TAKEN }),
  );
  await recordAudit(trx, { entityType: 'location', entityId: row.id, action: 'create', after: values }, ctx);
  return row.id;
}

/** Saves a location. Audited. Throws NotFoundError or ValidationError (name taken). */
export async function updateLocation(trx: Tx, id: number, input: LocationInput, ctx: ServiceContext) {
  const before = await findLocation(trx, id);
  if (!before) throw new NotFoundError('No encontramos esa sede.');
  const values = { ...input, rooms: cleanRooms(input.rooms) };
  await withUniqueCheck(
    () =>
      trx
        .updateTable('locations')
        .set({ ...values, updatedAt: ctx.now.toISOString() })
        .where('id', '=', id)
        .execute(),
    () => new ValidationError({ nombre: NAME_TAKEN }),
  );
  const { id: _id, ...was } = before;
  await recordAudit(
    trx,
    { entityType: 'location', entityId: id, action: 'update', before: was, after: values },
    ctx,
  );
}

/**
 * Sets which staff members are limited to this location (the others assigned here lose it; their
 * other locations stay). A member left with no location sees every location again. Audited.
 * Throws NotFoundError.
 */
export async function setLocationStaff(trx: Tx, locationId: number, userIds: number[], ctx: ServiceContext) {
  if (!(await findLocation(trx, locationId))) throw new NotFoundError('No encontramos esa sede.');
  const before = await trx
    .selectFrom('userLocations')
    .select('userId')
    .where('locationId', '=', locationId)
    .execute();
  await trx.deleteFrom('userLocations').where('locationId', '=', locationId).execute();
  const staff =
    userIds.length === 0
      ? []
      : await trx
          .selectFrom('users')
          .select('id')
          .where('id', 'in', userIds)
          .where('role', 'in', ['staff', 'admin'])
          .execute();
  if (staff.length > 0)
    await trx
      .insertInto('userLocations')
      .values(staff.map((u) => ({ userId: u.id, locationId })))
      .execute();
  await recordAudit(
    trx,
    {
      entityType: 'location',
      entityId: locationId,
      action: 'update',
      before: { staff: before.map((r) => r.userId) },
      after: { staff: staff.map((u) => u.id) },
    },
    ctx,
  );
}
