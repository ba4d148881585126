import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { recordSalePaymentByStaff } from '../../../domain/payments';
import {
  cancelSaleByStaff,
  FULFILMENT_STEPS,
  findSale,
  findSaleFulfilment,
  listSaleLines,
  listSalePayments,
  nextFulfilmentStatus,
} from '../../../domain/sales';
import { serviceContext } from '../../../http/context';
import { idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { loadAuditTrail } from '../audit/audit-names';
import { saleBulkForm, salePaymentForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { SALE_LIST } from './sales.list';
import { SaleDetailPage } from './views/sale-detail.page';
import { SalesPage } from './views/sales.page';

const LIST = SALE_LIST.path;

/** Shop orders in the back office: /gestion/ventas/ and each order's page. */
export async function salesAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  // Where a refused action returns: the params are already parsed by then (a bad id is a 404).
  const backToSale = {
    errorRedirect: (r: FastifyRequest) => `${LIST}${(r.params as { id: number }).id}/`,
  };

  app.get('/ventas/', (request, reply) =>
    serveList(SALE_LIST, request, reply, (data) => reply.page(SalesPage, data)),
  );

  app.post(
    '/ventas/acciones/',
    {
      schema: { body: saleBulkForm },
      config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) },
    },
    async (request, reply) =>
      reply.redirect(selectedExportUrl(LIST, request.body.ids, request.body.formato), 303),
  );

  app.get('/ventas/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    const sale = await findSale(database.db, id);
    if (!sale) throw new NotFoundError('Este pedido no existe.');
    const [lines, payments, audit, fulfilment] = await Promise.all([
      listSaleLines(database.db, id),
      listSalePayments(database.db, id),
      loadAuditTrail(database.db, 'sale', id, 20),
      findSaleFulfilment(database.db, id),
    ]);
    if (!fulfilment) throw new NotFoundError('Este pedido no existe.');
    return reply.page(SaleDetailPage, {
      sale,
      lines,
      payments,
      audit,
      now: app.deps.clock().toISOString(),
      fulfilment,
      next:
        fulfilment.saleStatus === 'PAGADO'
          ? nextFulfilmentStatus(fulfilment.method, fulfilment.status)
          : null,
      steps: FULFILMENT_STEPS[fulfilment.method],
      pickup: { address: app.deps.config.centre.address, hours: app.deps.config.centre.pickupHours },
    });
  });

  app.post(
    '/ventas/:id/pago/',
    { schema: { params: idParams, body: salePaymentForm }, config: backToSale },
    async (request, reply) => {
      const { id } = request.params;
      const { metodo, referencia } = request.body;
      const outcome = await inTransaction(database, (trx) =>
        recordSalePaymentByStaff(
          trx,
          { saleId: id, method: metodo, reference: referencia },
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
    },
  );

  app.post(
    '/ventas/:id/anular/',
    { schema: { params: idParams }, config: backToSale },
    async (request, reply) => {
      const { id } = request.params;
      await inTransaction(database, (trx) => cancelSaleByStaff(trx, id, serviceContext(request)));
      return reply.flashRedirect(
        `${LIST}${id}/`,
        'success',
        `Pedido N° ${id} anulado; su stock volvió a la bodega.`,
      );
    },
  );
}
