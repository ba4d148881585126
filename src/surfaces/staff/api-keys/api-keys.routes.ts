import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../domain/api-keys';
import { serviceContext } from '../../../http/context';
import { requireAdmin } from '../../../http/guards';
import { form, type InvalidForm, idParams } from '../../../http/routes';
import { santiagoDate, santiagoToUtc } from '../../../lib/dates';
import { apiKeyForm } from './api-keys.forms';
import { ApiKeysPage } from './views/api-keys.page';

const PATH = '/gestion/claves-api/';

/** The API's keys, for admins only: /gestion/claves-api/. */
export async function apiKeysStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireAdmin);
  const { database, clock } = app.deps;

  async function showKeys(
    _request: FastifyRequest,
    reply: FastifyReply,
    extra: { invalid?: InvalidForm; created?: { key: string; name: string } } = {},
  ) {
    const now = clock();
    const keys = await listApiKeys(database.db, now);
    const inAYear = new Date(now.getTime() + 365 * 24 * 3600_000);
    return reply.page(ApiKeysPage, {
      keys,
      values: extra.invalid?.values ?? { nombre: '', vence: santiagoDate(inAYear) },
      errors: extra.invalid?.errors ?? {},
      created: extra.created ?? null,
    });
  }

  app.get('/claves-api/', (request, reply) => showKeys(request, reply));

  app.post(
    '/claves-api/',
    form({ body: apiKeyForm }, (request, reply, invalid) => showKeys(request, reply, { invalid })),
    async (request, reply) => {
      const { nombre, permisos, vence } = request.body;
      const created = await inTransaction(database, (trx) =>
        createApiKey(
          trx,
          // The key works through the whole last day, in Santiago.
          { name: nombre, scopes: permisos, expiresAt: santiagoToUtc(vence, '23:59') },
          serviceContext(request),
        ),
      );
      // The key is shown in this answer and never again: not through a redirect and a flash,
      // which would keep it in the session store. The page is sent with cache-control: no-store.
      return showKeys(request, reply, { created: { key: created.key, name: nombre } });
    },
  );

  app.post('/claves-api/:id/revocar/', { schema: { params: idParams } }, async (request, reply) => {
    await inTransaction(database, (trx) => revokeApiKey(trx, request.params.id, serviceContext(request)));
    return reply.flashRedirect(
      PATH,
      'success',
      'Clave revocada: desde ahora se rechaza toda solicitud con ella.',
    );
  });
}
