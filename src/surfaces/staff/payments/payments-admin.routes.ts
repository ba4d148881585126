import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { refundsDueTotals } from '../../../domain/enrollments';
import { serveList } from '../../../http/staff-list';
import { paymentBulkForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { PAYMENT_LIST } from './payments.list';
import { PaymentsPage } from './views/payments.page';

const LIST = PAYMENT_LIST.path;

/** The payments ledger (payments and refunds, workshops and shop): /gestion/pagos/. */
export async function paymentsAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/pagos/', (request, reply) =>
    serveList(PAYMENT_LIST, request, reply, async (data) =>
      reply.page(PaymentsPage, {
        ...data,
        refundsDue: await refundsDueTotals(request.server.deps.database.db, { q: '', workshopId: null }),
      }),
    ),
  );

  app.post(
    '/pagos/acciones/',
    {
      schema: { body: paymentBulkForm },
      config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) },
    },
    async (request, reply) =>
      reply.redirect(selectedExportUrl(LIST, request.body.ids, request.body.formato), 303),
  );
}
