import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import type { Modality } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { type AuditSnapshot, recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { defaultLocationId, findLocation } from '../locations';
import {
  NAME_TAKEN_MESSAGE,
  PAST_DATE_MESSAGE,
  seatsBelowTakenMessage,
  WorkshopAlreadyCancelledError,
} from './workshops-admin.errors';

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
  /** What the page lists under "Qué incluye" and "Qué traer" (one item a line), and who leads it.
   * Left out (undefined): kept as stored; null clears. */
  whatIncluded?: string | null | undefined;
  whatToBring?: string | null | undefined;
  facilitatorName?: string | null | undefined;
  /** The facilitator record who leads it (undefined keeps what is stored, null clears). */
  facilitatorId?: number | null | undefined;
  /** Where it happens; left out: kept as stored, or the default location for a new workshop. */
  locationId?: number | undefined;
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
  'whatIncluded',
  'whatToBring',
  'facilitatorName',
  'cancelledAt',
  'facilitatorId',
  'locationId',
] as const;

export const readWorkshop = (trx: Tx, id: number) =>
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
    whatIncluded: w.whatIncluded,
    whatToBring: w.whatToBring,
    facilitatorName: w.facilitatorName,
    cancelledAt: w.cancelledAt,
    facilitatorId: w.facilitatorId,
    locationId: w.locationId,
  };
}

async function assertNameFree(trx: Tx, name: string, exceptId: number | null) {
  let query = trx.selectFrom('workshops').select('id').where('name', '=', name);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ValidationError({ nombre: NAME_TAKEN_MESSAGE });
}

async function assertFacilitator(trx: Tx, facilitatorId: number | null | undefined) {
  if (facilitatorId === null || facilitatorId === undefined) return;
  const found = await trx
    .selectFrom('facilitators')
    .select('id')
    .where('id', '=', facilitatorId)
    .executeTakeFirst();
  if (!found) throw new ValidationError({ facilitador_id: 'Ese facilitador ya no existe: elige otro.' });
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

async function assertLocation(trx: Tx, locationId: number | undefined) {
  if (locationId === undefined) return;
  if (!(await findLocation(trx, locationId)))
    throw new ValidationError({ sede: 'Esa sede ya no existe: elige otra.' });
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
  // Kysely leaves undefined values out of the statement: an absent field keeps what is stored.
  whatIncluded: input.whatIncluded,
  whatToBring: input.whatToBring,
  facilitatorName: input.facilitatorName,
  facilitatorId: input.facilitatorId,
  locationId: input.locationId,
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
  await assertFacilitator(trx, input.facilitatorId);
  await assertLocation(trx, input.locationId);
  const now = ctx.now.toISOString();
  const locationId = input.locationId ?? (await defaultLocationId(trx));
  const row = await withUniqueCheck(
    () =>
      trx
        .insertInto('workshops')
        .values({
          ...values(input),
          locationId,
          totalSeats: input.totalSeats,
          createdAt: now,
          updatedAt: now,
        })
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

/**
 * Saves every field of a workshop. The total seats are changed with a conditional UPDATE
 * (`WHERE seats_taken + seats_held <= new total`), so a concurrent enrollment can never leave the
 * workshop oversold (the old system read the "old total" after the form had overwritten it, defect
 * 12). Audited. Returns the workshop before and after, for what follows from the change (notices,
 * seats offered to the waitlist: domain/enrollments/workshop-changes.service.ts). Throws
 * NotFoundError or ValidationError (seats below those taken, name taken, category gone, new date in
 * the past).
 */
export async function updateWorkshopFields(trx: Tx, id: number, input: WorkshopInput, ctx: ServiceContext) {
  const before = await readWorkshop(trx, id);
  if (!before) throw new NotFoundError('Ese taller no existe.');
  const dateChanged = input.startsAt.toISOString() !== before.startsAt;
  if (dateChanged && input.startsAt <= ctx.now) throw new ValidationError({ fecha: PAST_DATE_MESSAGE });
  await assertNameFree(trx, input.name, id);
  await assertCategory(trx, input.categoryId);
  await assertFacilitator(trx, input.facilitatorId);
  await assertLocation(trx, input.locationId);

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
  return { before, after, dateChanged };
}

/**
 * Takes a workshop out of the catalogue: deleted when nobody ever enrolled (`hasEnrollments`
 * false), deactivated otherwise (its enrollments are history and may carry payments). Audited.
 * Throws NotFoundError.
 */
export async function retireWorkshop(
  trx: Tx,
  id: number,
  input: { hasEnrollments: boolean },
  ctx: ServiceContext,
): Promise<{ outcome: 'deleted' | 'deactivated'; name: string }> {
  const before = await readWorkshop(trx, id);
  if (!before) throw new NotFoundError('Ese taller no existe.');
  if (input.hasEnrollments) {
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

/**
 * Marks a workshop cancelled and inactive, claimed with `WHERE cancelled_at IS NULL` so two staff
 * clicking at once cancel it once. Returns what it was. Throws NotFoundError or
 * WorkshopAlreadyCancelledError.
 */
export async function markWorkshopCancelled(trx: Tx, id: number, ctx: Pick<ServiceContext, 'now'>) {
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
  return before;
}

/** Points the workshop at a new image; returns the previous file name, or null when it does not exist. */
export async function setWorkshopImage(
  trx: Tx,
  id: number,
  imagePath: string,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ previous: string | null } | null> {
  const current = await trx
    .selectFrom('workshops')
    .select('imagePath')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) return null;
  await trx
    .updateTable('workshops')
    .set({ imagePath, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  return { previous: current.imagePath };
}
