import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { adjustGiftCard, findGiftCardDetail } from '../../../domain/gift-cards';
import { serviceContext } from '../../../http/context';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { giftCardAdjustmentForm, giftCardBulkForm } from './gift-cards.forms';
import { GIFT_CARD_LIST } from './gift-cards.list';
import { GiftCardDetailPage, GiftCardsPage } from './views/gift-cards.pages';

const LIST = GIFT_CARD_LIST.path;

/** Gift cards in the back office: /gestion/tarjetas-regalo/. */
export async function giftCardsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const loadCard = async (id: number) => {
    const card = await findGiftCardDetail(database.db, id, app.deps.clock());
    if (!card) throw new NotFoundError('Esa tarjeta de regalo no existe.');
    return card;
  };

  app.get('/tarjetas-regalo/', (request, reply) =>
    serveList(GIFT_CARD_LIST, request, reply, (data) => reply.page(GiftCardsPage, data)),
  );

  app.post(
    '/tarjetas-regalo/acciones/',
    {
      schema: { body: giftCardBulkForm },
      config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) },
    },
    async (request, reply) =>
      reply.redirect(selectedExportUrl(LIST, request.body.ids, request.body.formato), 303),
  );

  app.get('/tarjetas-regalo/:id/', { schema: { params: idParams } }, async (request, reply) =>
    reply.page(GiftCardDetailPage, { card: await loadCard(request.params.id), values: {}, errors: {} }),
  );

  app.post(
    '/tarjetas-regalo/:id/ajuste/',
    form({ params: idParams, body: giftCardAdjustmentForm }, async (request, reply, { values, errors }) =>
      reply.page(GiftCardDetailPage, { card: await loadCard(request.params.id), values, errors }),
    ),
    async (request, reply) => {
      const { id } = request.params;
      const result = await inTransaction(database, (trx) =>
        adjustGiftCard(
          trx,
          { giftCardId: id, amountClp: request.body.monto, reason: request.body.motivo },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `${LIST}${id}/`,
        'success',
        `Ajuste registrado: la tarjeta queda con ${formatClp(result.balanceClp)}.`,
      );
    },
  );
}
