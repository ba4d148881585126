import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  createWebhookEndpoint,
  DELIVERY_LOG_DAYS,
  findDelivery,
  listDeliveryAttempts,
  listEndpoints,
  RETRY_DELAYS_MINUTES,
  resendWebhookDelivery,
  setWebhookEndpointEnabled,
} from '../../../domain/webhooks';
import { serviceContext } from '../../../http/context';
import { requireAdmin } from '../../../http/guards';
import { form, type InvalidForm, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { DELIVERY_LIST } from './deliveries.list';
import { DeliveriesPage } from './views/deliveries.page';
import { DeliveryDetailPage } from './views/delivery-detail.page';
import { WebhookEndpointsPage } from './views/endpoints.page';
import { newEndpointForm } from './webhooks.forms';

const PATH = '/gestion/webhooks/';

/** "durante unos 3 días": the retry schedule in words, from the constant itself. */
const retrySummary = () => {
  const hours = RETRY_DELAYS_MINUTES.reduce((a, b) => a + b, 0) / 60;
  return `${RETRY_DELAYS_MINUTES.length} veces más durante unos ${Math.round(hours / 24)} días; si todo falla, o si responde 410, el endpoint se desactiva y avisamos por correo a los administradores`;
};

/** Admins: the endpoints at /gestion/webhooks/ (their secrets sign every request). */
export async function webhookEndpointsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const allowLocalHttp = config.env !== 'production';
  app.addHook('onRequest', requireAdmin);

  async function showEndpoints(
    _request: FastifyRequest,
    reply: FastifyReply,
    state: { invalid?: InvalidForm; created?: { url: string; secret: string } } = {},
  ) {
    return reply.page(WebhookEndpointsPage, {
      endpoints: await listEndpoints(database.db),
      created: state.created ?? null,
      values: state.invalid?.values ?? {},
      errors: state.invalid?.errors ?? {},
      allowLocalHttp,
      retrySummary: retrySummary(),
    });
  }

  app.get('/webhooks/', (request, reply) => showEndpoints(request, reply));

  // Answers with the page itself, not a redirect: the secret is shown in this answer and never again.
  app.post(
    '/webhooks/',
    form({ body: newEndpointForm }, (request, reply, invalid) => showEndpoints(request, reply, { invalid })),
    async (request, reply) => {
      const { url, descripcion, eventos } = request.body;
      const created = await inTransaction(database, (trx) =>
        createWebhookEndpoint(
          trx,
          { url, description: descripcion, events: eventos },
          { ...serviceContext(request), allowLocalHttp },
        ),
      );
      return showEndpoints(request, reply, { created });
    },
  );

  for (const [action, isEnabled] of [
    ['activar', true],
    ['desactivar', false],
  ] as const)
    app.post(`/webhooks/:id/${action}/`, { schema: { params: idParams } }, async (request, reply) => {
      const changed = await inTransaction(database, (trx) =>
        setWebhookEndpointEnabled(
          trx,
          request.params.id,
          isEnabled,
          'Desactivado por un administrador.',
          serviceContext(request),
        ),
      );
      const message = !changed
        ? 'No había nada que cambiar.'
        : isEnabled
          ? 'Endpoint activado: las entregas pendientes se reanudan.'
          : 'Endpoint desactivado: no recibirá eventos hasta que lo actives.';
      return reply.flashRedirect(PATH, changed ? 'success' : 'info', message);
    });
}

/** Staff: the delivery log at /gestion/webhooks/entregas/, an attempt's detail and "Reenviar". */
export async function webhookDeliveriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/webhooks/entregas/', async (request, reply) => {
    const endpoints = await listEndpoints(database.db);
    return serveList(DELIVERY_LIST, request, reply, (data) =>
      reply.page(DeliveriesPage, { ...data, endpoints, logDays: DELIVERY_LOG_DAYS }),
    );
  });

  app.get('/webhooks/entregas/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const delivery = await findDelivery(database.db, request.params.id);
    if (!delivery) throw new NotFoundError('Esa entrega no existe (o ya se borró del registro).');
    const attempts = await listDeliveryAttempts(database.db, delivery.id);
    return reply.page(DeliveryDetailPage, { delivery, attempts });
  });

  app.post('/webhooks/entregas/:id/reenviar/', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    await inTransaction(database, (trx) => resendWebhookDelivery(trx, id, serviceContext(request)));
    return reply.flashRedirect(
      `${PATH}entregas/${id}/`,
      'success',
      'Listo: la entrega volvió a la cola y se enviará en unos segundos, con el mismo id.',
    );
  });
}
