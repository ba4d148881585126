import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import { recordSalePaymentByStaff } from '../../../domain/payments';
import { cancelSaleByStaff, findSale, listSaleLines, listSalePayments } from '../../../domain/sales';
import { serviceContext } from '../../../http/context';
import { parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { saleBulkForm, salePaymentForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { SALE_LIST } from './sales.list';
import { SaleDetailPage } from './views/sale-detail.page';
import { SalesPage } from './views/sales.page';

const LIST = SALE_LIST.path;
const NOT_FOUND = 'Este pedido no existe.';

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

  app.get('/ventas/', (request, reply) =>
    serveList(SALE_LIST, request, reply, (data) => reply.page(SalesPage, data)),
  );

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
