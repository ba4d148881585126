import type { FastifyInstance } from 'fastify';
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
import { formValues, parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { interestForm } from './interests.forms';
import { INTEREST_LIST } from './interests.list';
import { InterestDeletePage, InterestFormPage, InterestsPage } from './views/interests.pages';

const NOT_FOUND = 'No encontramos ese interés.';

type IdParams = { Params: { id: string } };

/** Interests (segmentation tags and workshop categories): /gestion/intereses/. */
export async function interestsStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get('/intereses/', (request, reply) =>
    serveList(INTEREST_LIST, request, reply, (data) => reply.page(InterestsPage, data)),
  );

  app.get('/intereses/nuevo/', async (_request, reply) =>
    reply.page(InterestFormPage, { interest: null, values: {}, errors: {} }),
  );

  app.post('/intereses/nuevo/', async (request, reply) => {
    const form = parseForm(interestForm, request.body);
    if (!form.ok)
      return reply.page(InterestFormPage, { interest: null, values: form.values, errors: form.errors }, 422);
    try {
      await inTransaction(database, (trx) =>
        createInterest(
          trx,
          { name: form.data.nombre, description: form.data.descripcion },
          serviceContext(request),
        ),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(
        InterestFormPage,
        { interest: null, values: formValues(request.body), errors: error.fields },
        422,
      );
    }
    return reply.flashRedirect('/gestion/intereses/', 'success', `Interés "${form.data.nombre}" creado.`);
  });

  app.get<IdParams>('/intereses/:id/editar/', async (request, reply) => {
    const interest = await findInterest(database.db, routeId(request.params.id, NOT_FOUND));
    if (!interest) throw new NotFoundError(NOT_FOUND);
    const values = { nombre: interest.name, descripcion: interest.description ?? '' };
    return reply.page(InterestFormPage, { interest, values, errors: {} });
  });

  app.post<IdParams>('/intereses/:id/editar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const interest = await findInterest(database.db, id);
    if (!interest) throw new NotFoundError(NOT_FOUND);
    const form = parseForm(interestForm, request.body);
    if (!form.ok)
      return reply.page(InterestFormPage, { interest, values: form.values, errors: form.errors }, 422);
    try {
      await inTransaction(database, (trx) =>
        updateInterest(
          trx,
          id,
          { name: form.data.nombre, description: form.data.descripcion },
          serviceContext(request),
        ),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(
        InterestFormPage,
        { interest, values: formValues(request.body), errors: error.fields },
        422,
      );
    }
    return reply.flashRedirect('/gestion/intereses/', 'success', 'Interés actualizado.');
  });

  app.get<IdParams>('/intereses/:id/eliminar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const interest = await findInterest(database.db, id);
    if (!interest) throw new NotFoundError(NOT_FOUND);
    return reply.page(InterestDeletePage, { interest, usage: await interestUsage(database.db, id) });
  });

  app.post<IdParams>('/intereses/:id/eliminar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const result = await inTransaction(database, (trx) => deleteInterest(trx, id, serviceContext(request)));
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
