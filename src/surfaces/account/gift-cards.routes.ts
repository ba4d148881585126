import type { FastifyInstance } from 'fastify';
import { listAccountGiftCards } from '../../domain/gift-cards';
import { findProfileAccount } from '../../domain/users';
import { requireUser } from '../../http/guards';
import { AccountGiftCardsPage } from './views/gift-cards.page';

/** "Mis tarjetas de regalo": the cards a customer bought and those sent to their confirmed address. */
export async function accountGiftCardsRoutes(fastify: FastifyInstance) {
  const { database } = fastify.deps;

  fastify.get('/cuenta/tarjetas-regalo/', { onRequest: requireUser }, async (request, reply) => {
    const account = await findProfileAccount(database.db, request.user!.id);
    const email = account?.emailVerifiedAt ? account.email : null;
    const cards = await listAccountGiftCards(
      database.db,
      { customerId: request.user!.customerId, email },
      fastify.deps.clock(),
    );
    return reply.page(AccountGiftCardsPage, { ...cards, email });
  });
}
