import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SALE_STATUSES } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import {
  cancelSaleByStaff,
  findSale,
  listSaleLines,
  listSalePayments,
  listSales,
  recordSalePaymentByStaff,
  SALE_SORTS,
  type SaleFilters,
  saleTotals,
} from '../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { formatDateTimeShort } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { filter, listHref, parseListQuery } from '../../../lib/list-query';
import { makePage, pageWindow } from '../../../lib/pagination';
import { santiagoDayRange } from '../lists/admin-lists.dates';
import { saleBulkForm, salePaymentForm } from '../lists/admin-lists.forms';
import { EXPORT_LIMIT, PAGE_SIZE, returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { SaleDetailPage } from './views/sale-detail.page';
import { SalesPage } from './views/sales.page';

const LIST = '/gestion/ventas/';
const NOT_FOUND = 'Este pedido no existe.';

export const SALE_LIST = {
  sortable: SALE_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(SALE_STATUSES),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

type IdParams = { Params: { id: string } };

/** Shop orders in the back office: /gestion/ventas/ and each order's page. */
export async function salesAdminRoutes(app: FastifyInstance) {
  const { database } = app.deps;
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } };
  const backToSale = {
    config: {
      errorRedirect: (r: FastifyRequest) => `${LIST}${routeId((r.params as { id: string }).id, NOT_FOUND)}/`,
    },
  };

  app.get('/ventas/', async (request, reply) => {
    const query = parseListQuery(request.query, SALE_LIST);
    const f: SaleFilters = {
      q: query.q,
      status: query.filters.estado,
      ...santiagoDayRange(query.filters.desde, query.filters.hasta),
      ids: query.filters.ids,
    };
    const order = { sort: query.sort, dir: query.dir };
    if (query.format) {
      const rows = await listSales(database.db, f, order, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.format,
        {
          name: 'ventas',
          sheet: 'Ventas',
          header: [
            'Pedido N°',
            'Cliente',
            'Correo',
            'Fecha',
            'Líneas',
            'Unidades',
            'Total (CLP)',
            'Estado',
            'Pagado el',
          ],
          rows: rows.map((s) => [
            s.id,
            s.customerName,
            s.customerEmail,
            formatDateTimeShort(s.createdAt),
            Number(s.lineCount),
            Number(s.units),
            s.totalClp,
            SALE_STATUS_LABELS[s.status],
            s.paidAt ? formatDateTimeShort(s.paidAt) : null,
          ]),
        },
        app.deps.clock(),
      );
    }
    const totals = await saleTotals(database.db, f);
    const { page, offset } = pageWindow(query.page, PAGE_SIZE, totals.count);
    const rows = await listSales(database.db, f, order, { offset, limit: PAGE_SIZE });
    return reply.page(SalesPage, {
      query,
      sales: makePage(rows, page, PAGE_SIZE, totals.count),
      totals,
      currentUrl: listHref(LIST, query, { page }),
    });
  });

  app.post('/ventas/acciones/', backToList, async (request, reply) => {
    const form = parseForm(saleBulkForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(
        returnPath(request, LIST),
        'error',
        Object.values(form.errors)[0] ?? 'Elige una acción.',
      );
    return reply.redirect(selectedExportUrl(LIST, form.data.ids, form.data.formato), 303);
  });

  app.get<IdParams>('/ventas/:id/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const sale = await findSale(database.db, id);
    if (!sale) throw new NotFoundError(NOT_FOUND);
    const [lines, payments, audit] = await Promise.all([
      listSaleLines(database.db, id),
      listSalePayments(database.db, id),
      listAuditForEntity(database.db, 'sale', id, 20),
    ]);
    return reply.page(SaleDetailPage, { sale, lines, payments, audit, now: app.deps.clock().toISOString() });
  });

  app.post<IdParams>('/ventas/:id/pago/', backToSale, async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const form = parseForm(salePaymentForm, request.body);
    if (!form.ok) return reply.flashRedirect(`${LIST}${id}/`, 'error', Object.values(form.errors)[0]!);
    const outcome = await inTransaction(database, (trx) =>
      recordSalePaymentByStaff(
        trx,
        { saleId: id, method: form.data.metodo, reference: form.data.referencia },
        serviceContext(request),
      ),
    );
    return outcome === 'paid'
      ? reply.flashRedirect(
          `${LIST}${id}/`,
          'success',
          `Pago del pedido N° ${id} registrado. Le enviamos el comprobante al cliente.`,
        )
      : reply.flashRedirect(
          `${LIST}${id}/`,
          'info',
          'Este pedido ya estaba pagado: no se registró nada nuevo.',
        );
  });

  app.post<IdParams>('/ventas/:id/anular/', backToSale, async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    await inTransaction(database, (trx) => cancelSaleByStaff(trx, id, serviceContext(request)));
    return reply.flashRedirect(
      `${LIST}${id}/`,
      'success',
      `Pedido N° ${id} anulado; su stock volvió a la bodega.`,
    );
  });
}
