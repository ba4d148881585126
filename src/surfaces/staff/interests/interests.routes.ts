import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  createInterest,
  deleteInterest,
  findInterest,
  interestUsage,
  updateInterest,
} from '../../../domain/customers';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { interestForm } from './interests.forms';
import { INTEREST_LIST } from './interests.list';
import { InterestDeletePage, InterestFormPage, InterestsPage } from './views/interests.pages';

/** Interests (segmentation tags and workshop categories): /gestion/intereses/. */
export async function interestsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const load = async (id: number) => {
    const interest = await findInterest(database.db, id);
    if (!interest) throw new NotFoundError('No encontramos ese interés.');
    return interest;
  };

  app.get('/intereses/', (request, reply) =>
    serveList(INTEREST_LIST, request, reply, (data) => reply.page(InterestsPage, data)),
  );

  app.get('/intereses/nuevo/', async (_request, reply) =>
    reply.page(InterestFormPage, { interest: null, values: {}, errors: {} }),
  );

  app.post(
    '/intereses/nuevo/',
    form({ body: interestForm }, (_request, reply, { values, errors }) =>
      reply.page(InterestFormPage, { interest: null, values, errors }),
    ),
    async (request, reply) => {
      const { nombre, descripcion } = request.body;
      await inTransaction(database, (trx) =>
        createInterest(trx, { name: nombre, description: descripcion }, serviceContext(request)),
      );
      return reply.flashRedirect('/gestion/intereses/', 'success', `Interés "${nombre}" creado.`);
    },
  );

  app.get('/intereses/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const interest = await load(request.params.id);
    const values = { nombre: interest.name, descripcion: interest.description ?? '' };
    return reply.page(InterestFormPage, { interest, values, errors: {} });
  });

  app.post(
    '/intereses/:id/editar/',
    form({ params: idParams, body: interestForm }, async (request, reply, { values, errors }) =>
      reply.page(InterestFormPage, { interest: await load(request.params.id), values, errors }),
    ),
    async (request, reply) => {
      const interest = await load(request.params.id);
      const { nombre, descripcion } = request.body;
      await inTransaction(database, (trx) =>
        updateInterest(trx, interest.id, { name: nombre, description: descripcion }, serviceContext(request)),
      );
      return reply.flashRedirect('/gestion/intereses/', 'success', 'Interés actualizado.');
    },
  );

  app.get('/intereses/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const interest = await load(request.params.id);
    return reply.page(InterestDeletePage, { interest, usage: await interestUsage(database.db, interest.id) });
  });

  app.post('/intereses/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const result = await inTransaction(database, (trx) =>
      deleteInterest(trx, request.params.id, serviceContext(request)),
    );
    const parts = [
      result.workshops > 0
        ? `${plural(result.workshops, 'taller quedó', 'talleres quedaron')} sin categoría`
        : '',
      result.customers > 0 ? `se quitó de ${plural(result.customers, 'cliente', 'clientes')}` : '',
    ].filter(Boolean);
    return reply.flashRedirect(
      '/gestion/intereses/',
      'success',
      `Interés "${result.name}" eliminado${parts.length ? ` (${parts.join('; ')})` : ''}.`,
    );
  });
}
