import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { searchable } from '../../lib/text';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import {
  deleteInterestRow,
  findInterest,
  findInterestIdByName,
  insertInterest,
  interestNameKey,
  interestUsage,
  updateInterestRow,
} from './interests.queries';

export type InterestInput = { name: string; description: string | null };
type Ctx = Pick<ServiceContext, 'now' | 'actor'>;

const NOT_FOUND = 'No encontramos ese interés.';

const duplicateName = () => new ValidationError({ nombre: 'Ya existe un interés con ese nombre.' });

async function assertUniqueName(trx: Tx, name: string, exceptId: number | null) {
  const same = await findInterestIdByName(trx, name);
  if (same !== null && same !== exceptId) throw duplicateName();
}

/** Creates an interest (name unique, case-insensitive). Throws ValidationError. Audited. */
export async function createInterest(trx: Tx, input: InterestInput, ctx: Ctx): Promise<number> {
  await assertUniqueName(trx, input.name, null);
  const id = await withUniqueCheck(
    () =>
      insertInterest(trx, {
        ...input,
        nameKey: interestNameKey(input.name),
        searchText: searchable(input.name),
        createdAt: ctx.now.toISOString(),
      }),
    duplicateName,
  );
  await recordAudit(
    trx,
    { entityType: 'interest', entityId: id, action: 'create', after: { ...input } },
    ctx,
  );
  return id;
}

/** Renames or re-describes an interest. Throws NotFoundError, ValidationError. Audited. */
export async function updateInterest(trx: Tx, id: number, input: InterestInput, ctx: Ctx): Promise<void> {
  const before = await findInterest(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  await assertUniqueName(trx, input.name, id);
  await withUniqueCheck(
    () =>
      updateInterestRow(trx, id, {
        ...input,
        nameKey: interestNameKey(input.name),
        searchText: searchable(input.name),
      }),
    duplicateName,
  );
  await recordAudit(
    trx,
    {
      entityType: 'interest',
      entityId: id,
      action: 'update',
      before: { name: before.name, description: before.description },
      after: { ...input },
    },
    ctx,
  );
}

/**
 * Deletes an interest: customers lose the tag, and workshops and kits in that category are left
 * without one (the foreign keys are SET NULL / CASCADE). Throws NotFoundError. Audited with counts.
 */
export async function deleteInterest(trx: Tx, id: number, ctx: Ctx) {
  const before = await findInterest(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  const usage = await interestUsage(trx, id);
  await deleteInterestRow(trx, id);
  await recordAudit(
    trx,
    {
      entityType: 'interest',
      entityId: id,
      action: 'delete',
      before: { name: before.name, description: before.description, ...usage },
    },
    ctx,
  );
  return { name: before.name, ...usage };
}
