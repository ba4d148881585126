import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { addWidgetOrigin, listWidgetOrigins, removeWidgetOrigin } from '../../../domain/widget';
import { listWorkshopCategories } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { requireAdmin } from '../../../http/guards';
import { form, type InvalidForm, idParams } from '../../../http/routes';
import { requiredText } from '../../../lib/fields';
import { WidgetSettingsPage } from './views/widget-settings.page';

const PATH = '/gestion/widget/';

const originForm = z.object({
  origen: requiredText(200, 'Escribe la dirección del sitio, por ejemplo https://ejemplo.cl.'),
});

/** Admins: which sites may show the booking widget, and the snippet to paste: /gestion/widget/. */
export async function widgetSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const allowLocalHttp = config.env !== 'production';
  app.addHook('onRequest', requireAdmin);

  async function show(_request: FastifyRequest, reply: FastifyReply, invalid?: InvalidForm) {
    const [origins, categories] = await Promise.all([
      listWidgetOrigins(database.db),
      listWorkshopCategories(database.db),
    ]);
    return reply.page(WidgetSettingsPage, {
      origins,
      categories,
      publicUrl: config.publicUrl,
      values: invalid?.values ?? {},
      errors: invalid?.errors ?? {},
    });
  }

  app.get('/widget/', (request, reply) => show(request, reply));

  app.post(
    '/widget/',
    form({ body: originForm }, (request, reply, invalid) => show(request, reply, invalid)),
    async (request, reply) => {
      const { origin, added } = await inTransaction(database, (trx) =>
        addWidgetOrigin(trx, request.body.origen, { ...serviceContext(request), allowLocalHttp }),
      );
      return reply.flashRedirect(
        PATH,
        added ? 'success' : 'info',
        added ? `Listo: ${origin} ya puede mostrar el widget.` : `${origin} ya estaba en la lista.`,
      );
    },
  );

  app.post('/widget/:id/quitar/', { schema: { params: idParams } }, async (request, reply) => {
    await inTransaction(database, (trx) =>
      removeWidgetOrigin(trx, request.params.id, serviceContext(request)),
    );
    return reply.flashRedirect(PATH, 'success', 'Sitio quitado: ya no puede mostrar el widget.');
  });
}
