import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { type AuditSnapshot, recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DuplicateDiscountCodeError } from './discounts.errors';
import { type DiscountCodeInput, normalizeCode, SCOPES_WITH_ITEMS } from './discounts.rules';
import { findCodeRecord } from './discounts-admin.queries';

const NOT_FOUND = 'No encontramos ese código de descuento.';

const snapshot = ({ kind, ...c }: DiscountCodeInput): AuditSnapshot => ({
  ...c,
  // "kind" is read as an interaction's kind by the audit pages.
  discountKind: kind,
  itemIds: c.itemIds.join(','),
});

/** Rules between fields that a form schema cannot see alone; each message goes on its field. */
function checkInput(input: DiscountCodeInput) {
  const errors: Record<string, string> = {};
  if (input.kind === 'percent' && input.value > 100) errors.valor = 'Un porcentaje va de 1 a 100.';
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom)
    errors.valido_hasta = 'La fecha de término debe ser igual o posterior a la de inicio.';
  if (SCOPES_WITH_ITEMS.includes(input.scope) && input.itemIds.length === 0)
    errors.alcance =
      input.scope === 'workshops' ? 'Elige al menos un taller.' : 'Elige al menos una categoría.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

async function saveItems(trx: Tx, codeId: number, input: DiscountCodeInput) {
  await trx.deleteFrom('discountCodeItems').where('codeId', '=', codeId).execute();
  const ids = SCOPES_WITH_ITEMS.includes(input.scope) ? [...new Set(input.itemIds)] : [];
  if (ids.length > 0)
    await trx
      .insertInto('discountCodeItems')
      .values(ids.map((itemId) => ({ codeId, itemId })))
      .execute();
}

const columns = (input: DiscountCodeInput) => ({
  code: normalizeCode(input.code),
  description: input.description,
  kind: input.kind,
  value: input.value,
  validFrom: input.validFrom,
  validUntil: input.validUntil,
  maxUses: input.maxUses,
  maxUsesPerCustomer: input.maxUsesPerCustomer,
  minAmountClp: input.minAmountClp,
  scope: input.scope,
  isActive: input.isActive,
});

/** Creates a code (stored upper case, unique), audited. Throws ValidationError, DuplicateDiscountCodeError. */
export async function createDiscountCode(
  trx: Tx,
  input: DiscountCodeInput,
  ctx: ServiceContext,
): Promise<number> {
  checkInput(input);
  const now = ctx.now.toISOString();
  const row = await withUniqueCheck(
    () =>
      trx
        .insertInto('discountCodes')
        .values({ ...columns(input), createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    () => new DuplicateDiscountCodeError(),
  );
  await saveItems(trx, row.id, input);
  await recordAudit(
    trx,
    { entityType: 'discount_code', entityId: row.id, action: 'create', after: snapshot(input) },
    ctx,
  );
  return row.id;
}

/**
 * Edits a code, audited field by field. Uses already taken stay (a lower limit only stops new
 * uses), and orders that used it keep their price. Throws NotFoundError and the create errors.
 */
export async function updateDiscountCode(
  trx: Tx,
  id: number,
  input: DiscountCodeInput,
  ctx: ServiceContext,
): Promise<void> {
  const before = await findCodeRecord(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  checkInput(input);
  await withUniqueCheck(
    () =>
      trx
        .updateTable('discountCodes')
        .set({ ...columns(input), updatedAt: ctx.now.toISOString() })
        .where('id', '=', id)
        .execute(),
    () => new DuplicateDiscountCodeError(),
  );
  await saveItems(trx, id, input);
  await recordAudit(
    trx,
    {
      entityType: 'discount_code',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(input),
    },
    ctx,
  );
}

/** "Desactivar" / "Activar": a deactivated code is refused from then on. Throws NotFoundError. */
export async function setDiscountCodeActive(trx: Tx, id: number, isActive: boolean, ctx: ServiceContext) {
  const before = await findCodeRecord(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  await trx
    .updateTable('discountCodes')
    .set({ isActive, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  await recordAudit(
    trx,
    {
      entityType: 'discount_code',
      entityId: id,
      action: 'update',
      before: { isActive: before.isActive },
      after: { isActive },
    },
    ctx,
  );
}
