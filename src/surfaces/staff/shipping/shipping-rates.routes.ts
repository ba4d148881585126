import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { listShippingRates, saveShippingRates } from '../../../domain/shipping';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, type InvalidForm } from '../../../http/routes';
import { shippingRatesForm } from './shipping-rates.forms';
import { ShippingRatesPage } from './views/shipping-rates.page';

const PATH = '/gestion/despachos/';

/** What a delivery costs to each region: /gestion/despachos/. */
export async function shippingRatesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  async function showRates(_request: FastifyRequest, reply: FastifyReply, invalid?: InvalidForm) {
    const rates = await listShippingRates(database.db);
    return reply.page(ShippingRatesPage, {
      rates,
      values: invalid?.values ?? null,
      errors: invalid?.errors ?? {},
    });
  }

  app.get('/despachos/', (request, reply) => showRates(request, reply));

  app.post(
    '/despachos/',
    form({ body: shippingRatesForm }, (request, reply, invalid) => showRates(request, reply, invalid)),
    async (request, reply) => {
      const changed = await inTransaction(database, (trx) =>
        saveShippingRates(trx, request.body, serviceContext(request)),
      );
      return changed === 0
        ? reply.flashRedirect(PATH, 'info', 'No cambiaste ninguna tarifa.')
        : reply.flashRedirect(
            PATH,
            'success',
            `Tarifas guardadas: ${plural(changed, 'región cambió', 'regiones cambiaron')}. Los pedidos ya hechos mantienen su precio.`,
          );
    },
  );
}
