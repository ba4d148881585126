import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { findWorkshopDetail, setEarlyBird, workshopPricing } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import type { FormErrors } from '../../../http/forms';
import { form, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { text } from '../../../lib/fields';
import { parseClp } from '../../../lib/money';
import { EarlyBirdPage } from './views/early-bird.page';

/** Both blank removes the early-bird price; otherwise both are needed. */
const earlyBirdForm = z.object({ precio_preventa: text(), dias_antes: text() }).transform((v, ctx) => {
  if (v.precio_preventa === '' && v.dias_antes === '') return null;
  const price = parseClp(v.precio_preventa);
  const days = /^\d{1,3}$/.test(v.dias_antes) ? Number(v.dias_antes) : null;
  if (price === null || price < 0)
    ctx.addIssue({
      code: 'custom',
      path: ['precio_preventa'],
      message: 'Escribe el precio de preventa en pesos, sin decimales.',
    });
  if (days === null || days < 1 || days > 365)
    ctx.addIssue({
      code: 'custom',
      path: ['dias_antes'],
      message: 'Escribe los días como un número entre 1 y 365.',
    });
  return price === null || days === null ? z.NEVER : { priceClp: price, untilDays: days };
});

/** /gestion/talleres/:id/preventa/: set or remove a workshop's early-bird price. */
export async function earlyBirdStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, clock } = app.deps;

  const render = async (
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: FormErrors,
  ) => {
    const workshop = await findWorkshopDetail(database.db, id);
    if (!workshop) throw new NotFoundError('Ese taller no existe.');
    return reply.page(EarlyBirdPage, {
      workshop,
      pricing: workshopPricing(workshop, clock()),
      values: values ?? {
        precio_preventa: workshop.earlyPriceClp === null ? '' : String(workshop.earlyPriceClp),
        dias_antes: workshop.earlyUntilDays === null ? '' : String(workshop.earlyUntilDays),
      },
      errors,
    });
  };

  app.get('/talleres/:id/preventa/', { schema: { params: idParams } }, (request, reply) =>
    render(reply, request.params.id, null, {}),
  );

  app.post(
    '/talleres/:id/preventa/',
    form({ params: idParams, body: earlyBirdForm }, (request, reply, { values, errors }) =>
      render(reply, request.params.id, values, errors),
    ),
    async (request, reply) => {
      const id = request.params.id;
      await inTransaction(database, (trx) => setEarlyBird(trx, id, request.body, serviceContext(request)));
      return reply.flashRedirect(
        `/gestion/talleres/${id}/preventa/`,
        'success',
        request.body ? 'Precio de preventa guardado.' : 'Preventa quitada: rige el precio normal.',
      );
    },
  );
}
