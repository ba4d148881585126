import type { Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { customerForUser, EmailVerificationRequiredError } from '../customers';
import { plural } from '../vocabulary';
import { InvalidQuantityError, OutOfStockError, ProductUnavailableError } from './cart.errors';
import {
  type CartLineRow,
  type CartOwner,
  deleteCart,
  deleteCartLine,
  findCartQuantity,
  findProductForCart,
  listCartLines,
  upsertCartLine,
} from './cart.queries';

/** More than this in one line is a typo, not an order. */
export const MAX_LINE_QUANTITY = 999;

export type CartChange = { name: string; quantity: number; cappedAt: number | null };

/**
 * Adds units of an available product, capped at the stock on hand (nothing is reserved until
 * checkout). Throws NotFoundError, ProductUnavailableError, OutOfStockError, InvalidQuantityError.
 */
export async function addToCart(
  trx: Tx,
  owner: CartOwner,
  productId: number,
  quantity: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<CartChange> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY)
    throw new InvalidQuantityError();
  const product = await findProductForCart(trx, productId);
  if (!product) throw new NotFoundError('Este producto no existe.');
  if (!product.isAvailable) throw new ProductUnavailableError(product.name);
  if (product.stock <= 0) throw new OutOfStockError(product.name);
  const wanted = ((await findCartQuantity(trx, owner, productId)) ?? 0) + quantity;
  const final = Math.min(wanted, product.stock);
  await upsertCartLine(trx, owner, productId, final, ctx.now);
  return { name: product.name, quantity: final, cappedAt: final < wanted ? product.stock : null };
}

/**
 * Sets the quantity of a product already in the cart (0 removes it), capped at the stock on
 * hand. A product not in the cart is ignored (returns null). Throws InvalidQuantityError,
 * ProductUnavailableError and OutOfStockError (the line stays, flagged, until removed).
 */
export async function setCartQuantity(
  trx: Tx,
  owner: CartOwner,
  productId: number,
  quantity: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<CartChange | { removed: true } | null> {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY)
    throw new InvalidQuantityError();
  if ((await findCartQuantity(trx, owner, productId)) === null) return null;
  if (quantity === 0) {
    await deleteCartLine(trx, owner, productId);
    return { removed: true };
  }
  const product = await findProductForCart(trx, productId);
  if (!product) return null;
  if (!product.isAvailable) throw new ProductUnavailableError(product.name);
  if (product.stock <= 0) throw new OutOfStockError(product.name);
  const final = Math.min(quantity, product.stock);
  await upsertCartLine(trx, owner, productId, final, ctx.now);
  return { name: product.name, quantity: final, cappedAt: final < quantity ? product.stock : null };
}

export async function removeFromCart(trx: Tx, owner: CartOwner, productId: number): Promise<void> {
  await deleteCartLine(trx, owner, productId);
}

/**
 * At login, the anonymous session's cart joins the customer's: quantities of the same product
 * add up (capped at the stock on hand) and the session's rows go away. Returns the number of
 * lines moved. When the account cannot be linked to a customer yet (its e-mail is not verified)
 * nothing moves and login goes on: the session's rows are cleaned up with the session.
 */
export async function mergeSessionCartIntoCustomer(
  trx: Tx,
  sessionId: string,
  userId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number> {
  const anonymous: CartOwner = { sessionId };
  const lines = await listCartLines(trx, anonymous);
  if (lines.length === 0) return 0;
  let customerId: number;
  try {
    customerId = (await customerForUser(trx, userId, ctx)).id;
  } catch (error) {
    if (error instanceof EmailVerificationRequiredError) return 0;
    throw error;
  }
  const owner: CartOwner = { customerId };
  for (const line of lines) {
    const merged = ((await findCartQuantity(trx, owner, line.productId)) ?? 0) + line.quantity;
    const capped = line.stock > 0 ? Math.min(merged, line.stock) : merged;
    await upsertCartLine(trx, owner, line.productId, Math.min(capped, MAX_LINE_QUANTITY), ctx.now);
  }
  await deleteCart(trx, anonymous);
  return lines.length;
}

export type CartProblem = 'unavailable' | 'out_of_stock' | 'short';

export type CartLine = CartLineRow & { subtotalClp: number; problem: CartProblem | null };

export type CartSummary = {
  lines: CartLine[];
  itemCount: number;
  totalClp: number;
  /** Why the cart cannot be checked out as it is; null when it can. */
  blockedReason: string | null;
};

/** Current prices and availability of each line; flags lines that cannot be bought as they are. */
export function summarizeCart(rows: CartLineRow[]): CartSummary {
  const lines = rows.map((row): CartLine => {
    const problem: CartProblem | null = !row.isAvailable
      ? 'unavailable'
      : row.stock <= 0
        ? 'out_of_stock'
        : row.quantity > row.stock
          ? 'short'
          : null;
    return { ...row, subtotalClp: row.priceClp * row.quantity, problem };
  });
  const flagged = lines.find((l) => l.problem !== null);
  return {
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    totalClp: lines.reduce((sum, l) => sum + l.subtotalClp, 0),
    blockedReason: flagged ? blockedMessage(flagged) : null,
  };
}

function blockedMessage(line: CartLine): string {
  switch (line.problem) {
    case 'unavailable':
      return `"${line.name}" ya no está disponible: quítalo del carrito para continuar.`;
    case 'out_of_stock':
      return `"${line.name}" se quedó sin stock: quítalo del carrito para continuar.`;
    default:
      return `${capitalize(unitsLeft(line.stock, line.name))}. Ajusta la cantidad para continuar.`;
  }
}

/** 'solo quedan 2 unidades de "Kit"': the wording shared by the cart and the checkout. */
export function unitsLeft(stock: number, name: string): string {
  if (stock <= 0) return `ya no quedan unidades de "${name}"`;
  if (stock === 1) return `solo queda 1 unidad de "${name}"`;
  return `solo quedan ${stock} unidades de "${name}"`;
}

/** "1 unidad", "3 unidades". */
export const units = (count: number) => plural(count, 'unidad', 'unidades');

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
