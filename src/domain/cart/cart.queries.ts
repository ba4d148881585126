import type { ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { DB } from '../../db/schema';

/** Whose cart: an anonymous visitor's session, or a customer (after login). */
export type CartOwner = { sessionId: string } | { customerId: number };

export type CartLineRow = {
  productId: number;
  quantity: number;
  name: string;
  priceClp: number;
  stock: number;
  isAvailable: boolean;
  imagePath: string | null;
};

/** WHERE clause selecting the owner's rows; usable in any query that has cart_items in scope. */
const ownerIs = (owner: CartOwner) => (eb: ExpressionBuilder<DB, 'cartItems'>) =>
  'customerId' in owner
    ? eb('cartItems.customerId', '=', owner.customerId)
    : eb('cartItems.sessionId', '=', owner.sessionId);

/** The cart's lines with the product's CURRENT price, stock and availability, by product id. */
export async function listCartLines(db: Db | Tx, owner: CartOwner): Promise<CartLineRow[]> {
  const query = db
    .selectFrom('cartItems')
    .innerJoin('products', 'products.id', 'cartItems.productId')
    .select([
      'cartItems.productId',
      'cartItems.quantity',
      'products.name',
      'products.priceClp',
      'products.stock',
      'products.isAvailable',
      'products.imagePath',
    ]);
  return query.where(ownerIs(owner)).orderBy('cartItems.productId').execute();
}

export async function findCartQuantity(trx: Tx, owner: CartOwner, productId: number): Promise<number | null> {
  const query = trx.selectFrom('cartItems').select('quantity').where('productId', '=', productId);
  const row = await query.where(ownerIs(owner)).executeTakeFirst();
  return row?.quantity ?? null;
}

/** Inserts or replaces the quantity of one product in the cart. */
export async function upsertCartLine(
  trx: Tx,
  owner: CartOwner,
  productId: number,
  quantity: number,
  now: Date,
): Promise<void> {
  const existing = await findCartQuantity(trx, owner, productId);
  if (existing === null) {
    await trx
      .insertInto('cartItems')
      .values({
        sessionId: 'sessionId' in owner ? owner.sessionId : null,
        customerId: 'customerId' in owner ? owner.customerId : null,
        productId,
        quantity,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .execute();
    return;
  }
  const update = trx
    .updateTable('cartItems')
    .set({ quantity, updatedAt: now.toISOString() })
    .where('productId', '=', productId);
  await update.where(ownerIs(owner)).execute();
}

export async function deleteCartLine(trx: Tx, owner: CartOwner, productId: number): Promise<void> {
  await trx.deleteFrom('cartItems').where('productId', '=', productId).where(ownerIs(owner)).execute();
}

export async function deleteCart(trx: Tx, owner: CartOwner): Promise<void> {
  await trx.deleteFrom('cartItems').where(ownerIs(owner)).execute();
}

export async function findProductForCart(trx: Tx, productId: number) {
  return trx
    .selectFrom('products')
    .select(['id', 'name', 'stock', 'isAvailable'])
    .where('id', '=', productId)
    .executeTakeFirst();
}

/**
 * Anonymous carts whose session is gone (logged out, expired, or a login whose merge could not
 * link a customer). `olderThan` spares carts of sessions still being saved by their request.
 */
export async function deleteOrphanSessionCarts(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('cartItems')
    .where('sessionId', 'is not', null)
    .where('updatedAt', '<', olderThan.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('sessions').select('sessions.id').whereRef('sessions.id', '=', 'cartItems.sessionId'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The cart of one customer joins another's (a duplicate merged); a kit already in it stays once. */
export async function reassignCart(trx: Tx, fromId: number, toId: number): Promise<void> {
  await trx
    .updateTable('cartItems')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .where('productId', 'not in', (eb) =>
      eb.selectFrom('cartItems as k').select('k.productId').where('k.customerId', '=', toId),
    )
    .execute();
}
