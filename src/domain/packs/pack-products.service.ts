import type { Tx } from '../../db/database';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { createProductByStaff, type ProductInput, updateProductByStaff } from '../products';
import { countKnownScope, findPackProductRecord, replacePackProductScope } from './pack-products.queries';

/** Refuses categories or workshops that do not exist (a tampered form) with a message on the field. */
async function checkScope(trx: Tx, input: PackProductInput) {
  const known = await countKnownScope(trx, input);
  if (!known.categoriesOk) throw new ValidationError({ categorias: 'Elige categorías de la lista.' });
  if (!known.workshopsOk) throw new ValidationError({ talleres: 'Elige talleres de la lista.' });
}

/** What staff define for a pack product: the shop's product fields plus the pack's terms. */
export type PackProductInput = {
  name: string;
  description: string | null;
  priceClp: number;
  /** How many may still be sold (the product's stock); staff set it high for an open offer. */
  stock: number;
  isAvailable: boolean;
  credits: number;
  validityDays: number;
  isOnlineIncluded: boolean;
  categoryIds: number[];
  workshopIds: number[];
};

const productFields = (input: PackProductInput): ProductInput => ({
  name: input.name,
  description: input.description,
  categoryId: null,
  priceClp: input.priceClp,
  stock: input.stock,
  lowStockThreshold: 0,
  isAvailable: input.isAvailable,
  kind: 'pack',
});

/**
 * Creates a pack product: a product of kind 'pack' (through the products module, which keeps its
 * name unique) and its terms. Throws ValidationError (unknown category or workshop) and the
 * products module's errors.
 */
export async function createPackProduct(
  trx: Tx,
  input: PackProductInput,
  ctx: ServiceContext,
): Promise<number> {
  await checkScope(trx, input);
  const productId = await createProductByStaff(trx, productFields(input), ctx);
  const now = ctx.now.toISOString();
  const row = await trx
    .insertInto('packProducts')
    .values({
      productId,
      credits: input.credits,
      validityDays: input.validityDays,
      isOnlineIncluded: input.isOnlineIncluded,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replacePackProductScope(trx, row.id, input);
  await recordAudit(
    trx,
    {
      entityType: 'pack_product',
      entityId: row.id,
      action: 'create',
      after: terms(input),
    },
    ctx,
  );
  return row.id;
}

const terms = (
  input: Pick<
    PackProductInput,
    'credits' | 'validityDays' | 'isOnlineIncluded' | 'categoryIds' | 'workshopIds'
  >,
) => ({
  credits: input.credits,
  validityDays: input.validityDays,
  isOnlineIncluded: input.isOnlineIncluded,
  categoryIds: input.categoryIds,
  workshopIds: input.workshopIds,
});

/**
 * Edits a pack product. Packs already sold keep the credits, validity and value they were sold
 * with; their coverage follows the product. Throws NotFoundError and the products module's errors.
 */
export async function updatePackProduct(
  trx: Tx,
  id: number,
  input: PackProductInput,
  ctx: ServiceContext,
): Promise<void> {
  const before = await findPackProductRecord(trx, id);
  if (!before) throw new NotFoundError('Ese bono no existe.');
  await checkScope(trx, input);
  await updateProductByStaff(trx, before.productId, productFields(input), ctx);
  await trx
    .updateTable('packProducts')
    .set({
      credits: input.credits,
      validityDays: input.validityDays,
      isOnlineIncluded: input.isOnlineIncluded,
      updatedAt: ctx.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  await replacePackProductScope(trx, id, input);
  await recordAudit(
    trx,
    {
      entityType: 'pack_product',
      entityId: id,
      action: 'update',
      before: terms(before),
      after: terms(input),
    },
    ctx,
  );
}
