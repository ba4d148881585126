import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Tx } from '../../../db/database';
import { inTransaction } from '../../../db/transaction';
import {
  addToCart,
  type CartOwner,
  listCartLines,
  removeFromCart,
  setCartQuantity,
  summarizeCart,
  units,
} from '../../../domain/cart';
import { customerForUser } from '../../../domain/customers';
import { serviceContext } from '../../../http/context';
import { idParams } from '../../../http/routes';
import { addToCartForm, updateCartForm } from './cart.forms';
import { CartPage } from './views/cart.page';

declare module 'fastify' {
  interface Session {
    /** Set once an anonymous visitor adds to the cart, so the session (and its id) is kept. */
    cart?: boolean;
  }
}

/** The cart a page shows: the customer's once logged in, otherwise the session's. */
function readOwner(request: FastifyRequest): CartOwner | null {
  if (request.user) return request.user.customerId ? { customerId: request.user.customerId } : null;
  return { sessionId: request.session.sessionId };
}

/** The cart a write goes to; a logged-in user's customer record is created on first need. */
async function writeOwner(trx: Tx, request: FastifyRequest): Promise<CartOwner> {
  if (request.user)
    return { customerId: (await customerForUser(trx, request.user.id, serviceContext(request))).id };
  request.session.cart = true;
  return { sessionId: request.session.sessionId };
}

export async function cartRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/carrito/', async (request, reply) => {
    const owner = readOwner(request);
    const cart = summarizeCart(owner ? await listCartLines(database.db, owner) : []);
    return reply.page(CartPage, { cart });
  });

  // The old site bought with GET links; here a GET never changes the cart.
  app.get('/carrito/add/:id/', { schema: { params: idParams } }, async (request, reply) =>
    reply.redirect(`/productos/${request.params.id}/`, 303),
  );

  app.post(
    '/carrito/add/:id/',
    {
      schema: { params: idParams, body: addToCartForm },
      config: { errorRedirect: (req: FastifyRequest) => `/productos/${(req.params as { id: string }).id}/` },
    },
    async (request, reply) => {
      const productId = request.params.id;
      const quantity = request.body.cantidad;
      const change = await inTransaction(database, async (trx) =>
        addToCart(trx, await writeOwner(trx, request), productId, quantity, serviceContext(request)),
      );
      if (change.cappedAt !== null)
        return reply.flashRedirect(
          '/carrito/',
          'warning',
          `Solo hay ${units(change.cappedAt)} de "${change.name}": dejamos ${change.quantity} en tu carrito.`,
        );
      return reply.flashRedirect('/carrito/', 'success', `"${change.name}" agregado al carrito.`);
    },
  );

  app.post(
    '/carrito/update/',
    { schema: { body: updateCartForm }, config: { errorRedirect: () => '/carrito/' } },
    async (request, reply) => {
      const { producto_id: productId, cantidad: quantity } = request.body;
      if (productId === null) return reply.redirect('/carrito/', 303);
      const change = await inTransaction(database, async (trx) =>
        setCartQuantity(trx, await writeOwner(trx, request), productId, quantity, serviceContext(request)),
      );
      if (change === null) return reply.redirect('/carrito/', 303);
      if ('removed' in change)
        return reply.flashRedirect('/carrito/', 'warning', 'Producto eliminado del carrito.');
      if (change.cappedAt !== null)
        return reply.flashRedirect(
          '/carrito/',
          'warning',
          `Solo hay ${units(change.cappedAt)} de "${change.name}": ajustamos la cantidad a ${change.quantity}.`,
        );
      return reply.flashRedirect('/carrito/', 'success', 'Cantidad actualizada.');
    },
  );

  app.post(
    '/carrito/remove/:id/',
    { schema: { params: idParams }, config: { errorRedirect: () => '/carrito/' } },
    async (request, reply) => {
      const productId = request.params.id;
      await inTransaction(database, async (trx) =>
        removeFromCart(trx, await writeOwner(trx, request), productId),
      );
      return reply.flashRedirect('/carrito/', 'warning', 'Producto eliminado del carrito.');
    },
  );
}
