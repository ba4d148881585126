import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseForm } from '../../../http/forms';
import { serveList } from '../../../http/staff-list';
import { paymentBulkForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { PAYMENT_LIST } from './payments.list';
import { PaymentsPage } from './views/payments.page';

const LIST = PAYMENT_LIST.path;

/** The payments ledger (payments and refunds, workshops and shop): /gestion/pagos/. */
export async function paymentsAdminRoutes(app: FastifyInstance) {
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } };

  app.get('/pagos/', (request, reply) =>
    serveList(PAYMENT_LIST, request, reply, (data) => reply.page(PaymentsPage, data)),
  );

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
