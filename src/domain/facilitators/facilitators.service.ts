import type { Tx } from '../../db/database';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { createFacilitatorUser } from '../users';
import { FacilitatorRutTakenError } from './facilitators.errors';
import { findFacilitator } from './facilitators.queries';

/** What staff type about a facilitator; the RUT arrives normalised with a valid check digit. */
export type FacilitatorInput = {
  name: string;
  rut: string;
  email: string | null;
  phone: string | null;
  bio: string | null;
};

async function assertRutFree(trx: Tx, rut: string, exceptId: number | null) {
  let query = trx.selectFrom('facilitators').select('id').where('rut', '=', rut);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new FacilitatorRutTakenError(rut);
}

/** Creates a facilitator and audits it. Throws FacilitatorRutTakenError. */
export async function createFacilitator(
  trx: Tx,
  input: FacilitatorInput,
  ctx: ServiceContext,
): Promise<number> {
  await assertRutFree(trx, input.rut, null);
  const now = ctx.now.toISOString();
  const row = await trx
    .insertInto('facilitators')
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    { entityType: 'facilitator', entityId: row.id, action: 'create', after: input },
    ctx,
  );
  return row.id;
}

/** Changes a facilitator's data and audits the change. Throws NotFoundError, FacilitatorRutTakenError. */
export async function updateFacilitator(
  trx: Tx,
  id: number,
  input: FacilitatorInput,
  ctx: ServiceContext,
): Promise<void> {
  const before = await findFacilitator(trx, id);
  if (!before) throw new NotFoundError('No encontramos ese facilitador.');
  await assertRutFree(trx, input.rut, id);
  await trx
    .updateTable('facilitators')
    .set({ ...input, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  const { name, rut, email, phone, bio } = before;
  await recordAudit(
    trx,
    {
      entityType: 'facilitator',
      entityId: id,
      action: 'update',
      before: { name, rut, email, phone, bio },
      after: input,
    },
    ctx,
  );
}

/** Records a facilitator's new photo (the media module stores the files); null when there is no such facilitator. */
export async function setFacilitatorImage(
  trx: Tx,
  id: number,
  imagePath: string,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ previous: string | null } | null> {
  const current = await trx
    .selectFrom('facilitators')
    .select('imagePath')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) return null;
  await trx
    .updateTable('facilitators')
    .set({ imagePath, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  return { previous: current.imagePath };
}

/**
 * Gives a facilitator a login: an account with the `facilitator` role for the facilitator's e-mail,
 * and the password-set link (the reset e-mail) to choose a password. Throws NotFoundError,
 * ValidationError (no e-mail yet), and the users module's UserEmailTakenError.
 */
export async function inviteFacilitator(trx: Tx, id: number, ctx: ServiceContext): Promise<string> {
  const facilitator = await findFacilitator(trx, id);
  if (!facilitator) throw new NotFoundError('No encontramos ese facilitador.');
  if (!facilitator.email)
    throw new ValidationError(
      { email: 'Escribe el correo del facilitador antes de invitarlo.' },
      'El facilitador no tiene correo: escríbelo antes de invitarlo.',
    );
  const user = await createFacilitatorUser(
    trx,
    { email: facilitator.email, name: facilitator.name, facilitatorId: facilitator.id },
    ctx,
  );
  return user.email;
}
