import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  createLocation,
  findLocation,
  type LocationRecord,
  listStaffForLocation,
  setLocationStaff,
  updateLocation,
} from '../../../domain/locations';
import { serviceContext } from '../../../http/context';
import { requireAdmin } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { type LocationFormData, locationForm, locationStaffForm } from './locations.forms';
import { LOCATION_LIST } from './locations.list';
import { LocationFormPage, LocationsPage } from './views/locations.pages';

const toInput = (b: LocationFormData) => ({
  name: b.nombre,
  address: b.direccion,
  mapsUrl: b.mapa,
  rooms: b.salas,
});
const valuesOf = (l: LocationRecord) => ({
  nombre: l.name,
  direccion: l.address,
  mapa: l.mapsUrl ?? '',
  salas: l.rooms ?? '',
});

/** Locations (sedes): /gestion/sedes/ (list, create, edit; admins choose who is limited to each). */
export async function locationsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = () => database.db;

  const load = async (id: number) => {
    const location = await findLocation(db(), id);
    if (!location) throw new NotFoundError('No encontramos esa sede.');
    return location;
  };
  const staffOf = (request: FastifyRequest, id: number) =>
    request.user?.role === 'admin' ? listStaffForLocation(db(), id) : Promise.resolve(null);
  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: Record<string, string>,
  ) => {
    const location = await load(id);
    return reply.page(LocationFormPage, {
      location,
      values: values ?? valuesOf(location),
      errors,
      staff: await staffOf(request, id),
    });
  };

  app.get('/sedes/', (request, reply) =>
    serveList(LOCATION_LIST, request, reply, (data) => reply.page(LocationsPage, data)),
  );

  app.get('/sedes/nueva/', async (_request, reply) =>
    reply.page(LocationFormPage, { location: null, values: {}, errors: {}, staff: null }),
  );

  app.post(
    '/sedes/nueva/',
    form({ body: locationForm }, (_request, reply, { values, errors }) =>
      reply.page(LocationFormPage, { location: null, values, errors, staff: null }),
    ),
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        createLocation(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect('/gestion/sedes/', 'success', `Sede "${request.body.nombre}" creada.`);
    },
  );

  app.get('/sedes/:id/editar/', { schema: { params: idParams } }, async (request, reply) =>
    renderEdit(request, reply, request.params.id, null, {}),
  );

  app.post(
    '/sedes/:id/editar/',
    form({ params: idParams, body: locationForm }, (request, reply, { values, errors }) =>
      renderEdit(request, reply, request.params.id, values, errors),
    ),
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        updateLocation(trx, request.params.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect('/gestion/sedes/', 'success', 'Sede actualizada.');
    },
  );

  app.post(
    '/sedes/:id/equipo/',
    { onRequest: requireAdmin, schema: { params: idParams, body: locationStaffForm } },
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        setLocationStaff(trx, request.params.id, request.body.equipo, serviceContext(request)),
      );
      return reply.flashRedirect(
        `/gestion/sedes/${request.params.id}/editar/`,
        'success',
        'Equipo de la sede guardado.',
      );
    },
  );
}
