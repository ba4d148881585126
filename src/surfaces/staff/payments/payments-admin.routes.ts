import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PAYMENT_METHODS } from '../../../db/schema';
import {
  listPayments,
  PAYMENT_SORTS,
  type PaymentFilters,
  type PaymentListRow,
  paymentTotals,
} from '../../../domain/payments';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../../../domain/vocabulary';
import { sendExport } from '../../../http/export';
import { parseForm } from '../../../http/forms';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter, listHref, parseListQuery } from '../../../lib/list-query';
import { makePage, pageWindow } from '../../../lib/pagination';
import { santiagoDayRange } from '../lists/admin-lists.dates';
import { paymentBulkForm } from '../lists/admin-lists.forms';
import { EXPORT_LIMIT, PAGE_SIZE, returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { PaymentsPage } from './views/payments.page';

const LIST = '/gestion/pagos/';

export const PAYMENT_LIST = {
  sortable: PAYMENT_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    metodo: filter.oneOf(PAYMENT_METHODS),
    tipo: filter.oneOf(['pago', 'devolucion'] as const),
    origen: filter.oneOf(['talleres', 'kits'] as const),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

/** What a ledger row paid for, as staff read it. */
export const paymentSubject = (p: PaymentListRow) =>
  p.saleId !== null
    ? `Pedido N° ${p.saleId}`
    : `${p.workshopName ?? 'Taller'} (inscripción N° ${p.enrollmentId})`;

/** The payments ledger (payments and refunds, workshops and shop): /gestion/pagos/. */
export async function paymentsAdminRoutes(app: FastifyInstance) {
  const { database } = app.deps;
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } };

  app.get('/pagos/', async (request, reply) => {
    const query = parseListQuery(request.query, PAYMENT_LIST);
    const fq = query.filters;
    const f: PaymentFilters = {
      q: query.q,
      method: fq.metodo,
      kind: fq.tipo === null ? null : fq.tipo === 'pago' ? 'PAYMENT' : 'REFUND',
      source: fq.origen === null ? null : fq.origen === 'talleres' ? 'enrollments' : 'sales',
      ...santiagoDayRange(fq.desde, fq.hasta),
      ids: fq.ids,
    };
    const order = { sort: query.sort, dir: query.dir };
    if (query.format) {
      const rows = await listPayments(database.db, f, order, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.format,
        {
          name: 'pagos',
          sheet: 'Pagos',
          header: [
            'Fecha',
            'Cliente',
            'Concepto',
            'Tipo',
            'Medio',
            'Referencia',
            'Monto (CLP)',
            'Registrado por',
          ],
          rows: rows.map((p) => [
            formatDateTimeShort(p.paidAt),
            p.customerName,
            paymentSubject(p),
            PAYMENT_KIND_LABELS[p.kind],
            PAYMENT_METHOD_LABELS[p.method],
            p.reference,
            p.kind === 'REFUND' ? -p.amountClp : p.amountClp,
            p.recordedBy ?? 'Cliente (en línea)',
          ]),
        },
        app.deps.clock(),
      );
    }
    const totals = await paymentTotals(database.db, f);
    const { page, offset } = pageWindow(query.page, PAGE_SIZE, totals.count);
    const rows = await listPayments(database.db, f, order, { offset, limit: PAGE_SIZE });
    return reply.page(PaymentsPage, {
      query,
      payments: makePage(rows, page, PAGE_SIZE, totals.count),
      totals,
      currentUrl: listHref(LIST, query, { page }),
    });
  });

  app.post('/pagos/acciones/', backToList, async (request, reply) => {
    const form = parseForm(paymentBulkForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(
        returnPath(request, LIST),
        'error',
        Object.values(form.errors)[0] ?? 'Elige una acción.',
      );
    return reply.redirect(selectedExportUrl(LIST, form.data.ids, form.data.formato), 303);
  });
}
