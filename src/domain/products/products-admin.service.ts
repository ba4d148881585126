import type { Tx } from '../../db/database';
import { withUniqueCheck } from '../../db/errors';
import type { ProductKind } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { searchable } from '../../lib/text';
import { type AuditSnapshot, recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DuplicateProductNameError, UnknownCategoryError } from './products-admin.errors';
import {
  countSaleLinesOf,
  findProductNamed,
  findProductRecord,
  interestExists,
  type ProductRecord,
} from './products-admin.queries';

export type ProductInput = {
  name: string;
  description: string | null;
  categoryId: number | null;
  priceClp: number;
  /** An absolute count set by staff after counting the shelf (checkout only ever decrements). */
  stock: number;
  lowStockThreshold: number;
  isAvailable: boolean;
  /** 'pack' when the packs module creates a pack product; kits leave it out. */
  kind?: ProductKind;
};

const NOT_FOUND = 'No encontramos ese producto.';

const snapshot = (p: ProductInput | ProductRecord): AuditSnapshot => ({
  name: p.name,
  description: p.description,
  categoryId: p.categoryId,
  priceClp: p.priceClp,
  stock: p.stock,
  lowStockThreshold: p.lowStockThreshold,
  isAvailable: p.isAvailable,
});

async function checkInput(trx: Tx, input: ProductInput, exceptId: number | null) {
  if (await findProductNamed(trx, searchable(input.name), exceptId)) throw new DuplicateProductNameError();
  if (input.categoryId !== null && !(await interestExists(trx, input.categoryId)))
    throw new UnknownCategoryError();
}

/** Creates a product; the name is unique ignoring case and accents. Throws DuplicateProductNameError, UnknownCategoryError. */
export async function createProductByStaff(
  trx: Tx,
  input: ProductInput,
  ctx: ServiceContext,
): Promise<number> {
  await checkInput(trx, input, null);
  const now = ctx.now.toISOString();
  const row = await withUniqueCheck(
    () =>
      trx
        .insertInto('products')
        .values({ ...input, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    () => new DuplicateProductNameError(),
  );
  await recordAudit(
    trx,
    { entityType: 'product', entityId: row.id, action: 'create', after: snapshot(input) },
    ctx,
  );
  return row.id;
}

/** Edits a product (stock as an absolute count), audited field by field. Throws NotFoundError and the create errors. */
export async function updateProductByStaff(
  trx: Tx,
  id: number,
  input: ProductInput,
  ctx: ServiceContext,
): Promise<void> {
  const before = await findProductRecord(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  await checkInput(trx, input, id);
  await trx
    .updateTable('products')
    .set({ ...input, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  await recordAudit(
    trx,
    {
      entityType: 'product',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(input),
    },
    ctx,
  );
}

/**
 * "Eliminar": a product that appears in any sale (paid, pending or cancelled) is only deactivated,
 * so the order history keeps its lines (the foreign key would refuse the delete anyway); any other
 * product is deleted, with the carts that held it. Returns what happened. Throws NotFoundError.
 */
export async function deleteProductByStaff(
  trx: Tx,
  id: number,
  ctx: ServiceContext,
): Promise<'deleted' | 'deactivated'> {
  const before = await findProductRecord(trx, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  if ((await countSaleLinesOf(trx, id)) > 0) {
    await setProductsAvailability(trx, [id], false, ctx);
    return 'deactivated';
  }
  await trx.deleteFrom('products').where('id', '=', id).execute();
  await recordAudit(
    trx,
    { entityType: 'product', entityId: id, action: 'delete', before: snapshot(before) },
    ctx,
  );
  return 'deleted';
}

/** Bulk activate / deactivate; returns how many products changed (each change audited). */
export async function setProductsAvailability(
  trx: Tx,
  ids: number[],
  available: boolean,
  ctx: ServiceContext,
): Promise<number> {
  if (ids.length === 0) return 0;
  const changed = await trx
    .updateTable('products')
    .set({ isAvailable: available, updatedAt: ctx.now.toISOString() })
    .where('id', 'in', ids)
    .where('isAvailable', '=', !available)
    .returning('id')
    .execute();
  for (const { id } of changed)
    await recordAudit(
      trx,
      {
        entityType: 'product',
        entityId: id,
        action: 'update',
        before: { isAvailable: !available },
        after: { isAvailable: available },
      },
      ctx,
    );
  return changed.length;
}

/** Points the kit at a new image; returns the previous file name, or null when it does not exist. */
export async function setProductImage(
  trx: Tx,
  id: number,
  imagePath: string,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ previous: string | null } | null> {
  const current = await trx
    .selectFrom('products')
    .select('imagePath')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) return null;
  await trx
    .updateTable('products')
    .set({ imagePath, updatedAt: ctx.now.toISOString() })
    .where('id', '=', id)
    .execute();
  return { previous: current.imagePath };
}
