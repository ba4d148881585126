// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { InvalidQuantityError } from './cart.errors';
export type { CartOwner } from './cart.queries';
export { deleteCart, deleteOrphanSessionCarts, listCartLines, reassignCart } from './cart.queries';
export type { CartLine, CartSummary } from './cart.service';
export {
  addToCart,
  mergeSessionCartIntoCustomer,
  removeFromCart,
  setCartQuantity,
  summarizeCart,
  units,
  unitsLeft,
} from './cart.service';
