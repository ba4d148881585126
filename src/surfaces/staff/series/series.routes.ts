import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { listInterestOptions } from '../../../domain/customers';
import { listFacilitatorOptions } from '../../../domain/facilitators';
import { listLocationOptions } from '../../../domain/locations';
import {
  cancelSeriesSession,
  createSeries,
  findSeries,
  type SeriesRow,
  staffSeriesView,
  updateSeriesTemplate,
} from '../../../domain/series';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, id, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { santiagoDate } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import {
  cancelSessionForm,
  type SeriesTemplateFormData,
  seriesForm,
  seriesTemplateForm,
} from './series.forms';
import { SERIES_LIST } from './series.list';
import { CancelSessionPage, SeriesDetailPage, SeriesFormPage, SeriesListPage } from './views/series.pages';

const sessionParams = z.object({ id, sesion: id });

const template = (b: SeriesTemplateFormData) => ({
  name: b.nombre,
  description: b.descripcion,
  categoryId: b.categoria,
  priceClp: b.precio,
  totalSeats: b.cupos,
  durationMinutes: b.duracion,
  location: b.lugar,
  facilitatorName: b.facilitador,
  facilitatorId: b.facilitador_id,
  startTime: b.hora,
  locationId: b.sede,
  certificateMinPercent: b.certificado,
});

const templateValues = (s: SeriesRow): Record<string, string> => ({
  nombre: s.name,
  descripcion: s.description,
  categoria: s.categoryId === null ? '' : String(s.categoryId),
  precio: String(s.priceClp),
  cupos: String(s.totalSeats),
  duracion: String(s.durationMinutes),
  hora: s.startTime,
  lugar: s.location ?? '',
  facilitador: s.facilitatorName ?? '',
  facilitador_id: s.facilitatorId === null ? '' : String(s.facilitatorId),
  sede: s.locationId === null ? '' : String(s.locationId),
  certificado: s.certificateMinPercent === null ? '' : String(s.certificateMinPercent),
});

/** Recurring series: /gestion/series/ (list, create, edit the template, sessions, cancel one). */
export async function seriesStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = () => database.db;

  const load = async (seriesId: number) => {
    const view = await staffSeriesView(db(), seriesId, app.deps.clock());
    if (!view) throw new NotFoundError('No encontramos esa serie.');
    return view;
  };
  const renderForm = async (
    reply: FastifyReply,
    series: { id: number; name: string } | null,
    values: Record<string, string | string[]>,
    errors: Record<string, string>,
  ) =>
    reply.page(SeriesFormPage, {
      series,
      values,
      errors,
      categories: await listInterestOptions(db()),
      locations: await listLocationOptions(db()),
      facilitators: await listFacilitatorOptions(db()),
    });

  app.get('/series/', (request, reply) =>
    serveList(SERIES_LIST, request, reply, (data) => reply.page(SeriesListPage, data)),
  );

  app.get('/series/nueva/', async (_request, reply) =>
    renderForm(
      reply,
      null,
      {
        desde: santiagoDate(app.deps.clock()),
        hora: '19:00',
        duracion: '90',
        cupos: '12',
        termina: 'sesiones',
        sesiones: '8',
      },
      {},
    ),
  );

  app.post(
    '/series/nueva/',
    form({ body: seriesForm }, (_request, reply, { values, errors }) =>
      renderForm(reply, null, values, errors),
    ),
    async (request, reply) => {
      const b = request.body;
      const seriesId = await inTransaction(database, (trx) =>
        createSeries(
          trx,
          {
            ...template(b),
            weekdays: b.dias,
            startsOn: b.desde,
            endsOn: b.hasta,
            sessionCount: b.sesiones,
          },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `/gestion/series/${seriesId}/`,
        'success',
        `Serie "${b.nombre}" creada con sus sesiones.`,
      );
    },
  );

  app.get('/series/:id/', { schema: { params: idParams } }, async (request, reply) =>
    reply.page(SeriesDetailPage, await load(request.params.id)),
  );

  app.get('/series/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const { series } = await load(request.params.id);
    return renderForm(reply, series, templateValues(series), {});
  });

  app.post(
    '/series/:id/editar/',
    form({ params: idParams, body: seriesTemplateForm }, async (request, reply, { values, errors }) => {
      const series = await findSeries(db(), request.params.id);
      if (!series) throw new NotFoundError('No encontramos esa serie.');
      return renderForm(reply, series, values, errors);
    }),
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        updateSeriesTemplate(
          trx,
          request.params.id,
          { ...template(request.body), waitlistHoldHours: config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      const kept =
        result.keptByHand > 0
          ? ` ${plural(result.keptByHand, 'sesión editada', 'sesiones editadas')} a mano quedaron como estaban.`
          : '';
      return reply.flashRedirect(
        `/gestion/series/${request.params.id}/`,
        'success',
        `Serie guardada: ${plural(result.updated, 'sesión por venir actualizada', 'sesiones por venir actualizadas')}.${kept}`,
      );
    },
  );

  const loadSession = async (seriesId: number, workshopId: number) => {
    const { series, sessions } = await load(seriesId);
    const session = sessions.find((s) => s.workshopId === workshopId);
    if (!session) throw new NotFoundError('Esa sesión no es de esta serie.');
    return { series, session };
  };

  app.get(
    '/series/:id/sesiones/:sesion/cancelar/',
    { schema: { params: sessionParams } },
    async (request, reply) =>
      reply.page(CancelSessionPage, {
        ...(await loadSession(request.params.id, request.params.sesion)),
        values: {},
        errors: {},
      }),
  );

  app.post(
    '/series/:id/sesiones/:sesion/cancelar/',
    form({ params: sessionParams, body: cancelSessionForm }, async (request, reply, { values, errors }) =>
      reply.page(CancelSessionPage, {
        ...(await loadSession(request.params.id, request.params.sesion)),
        values,
        errors,
      }),
    ),
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        cancelSeriesSession(
          trx,
          { seriesId: request.params.id, workshopId: request.params.sesion, note: request.body.nota },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `/gestion/series/${request.params.id}/`,
        'success',
        `Sesión cancelada: ${plural(result.cancelledEnrollments, 'inscripción anulada', 'inscripciones anuladas')}, ${plural(result.notified, 'correo', 'correos')} en cola.`,
      );
    },
  );
}
