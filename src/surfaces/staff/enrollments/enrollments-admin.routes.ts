import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ENROLLMENT_STATUSES } from '../../../db/schema';
import {
  customerIdsOfEnrollments,
  ENROLLMENT_SORTS,
  type EnrollmentFilters,
  enrollmentTotals,
  listEnrollments,
  listWorkshopOptions,
} from '../../../domain/enrollments';
import { payEnrollmentBalances } from '../../../domain/payments';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { parseForm } from '../../../http/forms';
import { formatDateShort, formatDateTimeShort } from '../../../lib/dates';
import { filter, listHref, parseListQuery } from '../../../lib/list-query';
import { makePage, pageWindow } from '../../../lib/pagination';
import { santiagoDayRange } from '../lists/admin-lists.dates';
import { enrollmentBulkForm } from '../lists/admin-lists.forms';
import { EXPORT_LIMIT, PAGE_SIZE, returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { EnrollmentsPage } from './views/enrollments.page';

const LIST = '/gestion/inscripciones/';

export const ENROLLMENT_LIST = {
  sortable: ENROLLMENT_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(ENROLLMENT_STATUSES),
    taller: filter.id(),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

export type EnrollmentListQuery = ReturnType<
  typeof parseListQuery<(typeof ENROLLMENT_SORTS)[number], typeof ENROLLMENT_LIST.filters>
>;

const toFilters = (query: EnrollmentListQuery): EnrollmentFilters => ({
  q: query.q,
  status: query.filters.estado,
  workshopId: query.filters.taller,
  ...santiagoDayRange(query.filters.desde, query.filters.hasta),
  ids: query.filters.ids,
});

/** Every enrollment, across workshops: /gestion/inscripciones/. */
export async function enrollmentsAdminRoutes(app: FastifyInstance) {
  const { database } = app.deps;
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } };

  app.get('/inscripciones/', async (request, reply) => {
    const query = parseListQuery(request.query, ENROLLMENT_LIST);
    const f = toFilters(query);
    const order = { sort: query.sort, dir: query.dir };
    if (query.format) {
      const rows = await listEnrollments(database.db, f, order, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.format,
        {
          name: 'inscripciones',
          sheet: 'Inscripciones',
          header: [
            'N°',
            'Cliente',
            'Correo',
            'Taller',
            'Fecha del taller',
            'Inscrita el',
            'Estado',
            'Monto (CLP)',
            'Pagado (CLP)',
            'Debe (CLP)',
          ],
          rows: rows.map((e) => [
            e.id,
            e.customerName,
            e.customerEmail,
            e.workshopName,
            formatDateTimeShort(e.workshopStartsAt),
            formatDateShort(e.createdAt),
            ENROLLMENT_STATUS_LABELS[e.status],
            e.amountDueClp,
            e.amountPaidClp,
            e.status === 'ANULADO' ? 0 : Math.max(0, e.amountDueClp - e.amountPaidClp),
          ]),
        },
        app.deps.clock(),
      );
    }
    const totals = await enrollmentTotals(database.db, f);
    const { page, offset } = pageWindow(query.page, PAGE_SIZE, totals.count);
    const [rows, workshops] = await Promise.all([
      listEnrollments(database.db, f, order, { offset, limit: PAGE_SIZE }),
      listWorkshopOptions(database.db),
    ]);
    return reply.page(EnrollmentsPage, {
      query,
      enrollments: makePage(rows, page, PAGE_SIZE, totals.count),
      totals,
      workshops,
      currentUrl: listHref(LIST, query, { page }),
      submission: randomUUID(),
    });
  });

  app.post('/inscripciones/acciones/', backToList, async (request, reply) => {
    const back = returnPath(request, LIST);
    const form = parseForm(enrollmentBulkForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(back, 'error', Object.values(form.errors)[0] ?? 'Elige una acción.');
    const { accion, ids } = form.data;
    if (accion === 'exportar') return reply.redirect(selectedExportUrl(LIST, ids, form.data.formato), 303);
    if (accion === 'correo') {
      const customers = await customerIdsOfEnrollments(database.db, ids);
      const params = new URLSearchParams(customers.map((id) => ['cliente_id', String(id)]));
      return reply.redirect(`/gestion/email/?${params.toString()}`, 303);
    }
    const { metodo, envio } = form.data;
    if (!metodo) return reply.flashRedirect(back, 'error', 'Elige el medio de pago.');
    if (!envio)
      return reply.flashRedirect(
        back,
        'error',
        'El formulario expiró: recarga la página e inténtalo de nuevo.',
      );
    const result = await payEnrollmentBalances(
      database,
      { enrollmentIds: ids, method: metodo, submission: envio },
      serviceContext(request),
    );
    const parts: string[] = [];
    if (result.recorded > 0)
      parts.push(`Pago registrado en ${plural(result.recorded, 'inscripción', 'inscripciones')}.`);
    if (result.duplicates > 0)
      parts.push(
        `${plural(result.duplicates, 'pago ya estaba registrado', 'pagos ya estaban registrados')} por este mismo envío; no se repitió.`,
      );
    if (result.skipped.length > 0)
      parts.push(
        `Sin cambios: ${result.skipped.map((s) => `N° ${s.enrollmentId} (${s.reason})`).join('; ')}`,
      );
    const kind =
      result.recorded > 0 || result.duplicates > 0
        ? result.skipped.length > 0
          ? 'warning'
          : 'success'
        : 'error';
    return reply.flashRedirect(back, kind, parts.join(' '));
  });
}
