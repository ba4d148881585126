import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../../db/schema';
import { WEBHOOK_DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS } from '../../../domain/vocabulary';
import { countDeliveries, listDeliveries } from '../../../domain/webhooks';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { DeliveryStatus } from './views/delivery-status';

const LIST = '/gestion/webhooks/entregas/';

const DELIVERY_QUERY = {
  // Newest first only, like the e-mail log: the page offers no sort links.
  sortable: ['fecha'] as const,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    endpoint: filter.id(),
    evento: filter.oneOf(WEBHOOK_EVENT_TYPES),
    estado: filter.oneOf(WEBHOOK_DELIVERY_STATUSES),
  },
};

/** The webhook delivery log (30 days): /gestion/webhooks/entregas/, newest first. */
export const DELIVERY_LIST = defineList({
  path: LIST,
  exportName: 'webhooks',
  sheet: 'Webhooks',
  query: DELIVERY_QUERY,
  criteria: (query) => ({
    endpointId: query.filters.endpoint,
    eventType: query.filters.evento,
    status: query.filters.estado,
  }),
  totals: countOnly(countDeliveries),
  rows: (db, criteria, _order, window) => listDeliveries(db, criteria, window.limit, window.offset),
  rowId: (r) => r.id,
  columns: [
    {
      label: 'Creada',
      cellClass: 'nowrap',
      cell: (r) => <a href={`${LIST}${r.id}/`}>{formatDateTimeShort(r.createdAt)}</a>,
      exportValue: (r) => formatDateTimeShort(r.createdAt),
    },
    {
      label: 'Evento',
      cell: (r) => WEBHOOK_EVENT_LABELS[r.eventType],
      exportValue: (r) => r.eventType,
    },
    {
      label: 'Estado',
      cell: (r) => (
        <>
          <DeliveryStatus status={r.status} />
          {r.status === 'PENDING' && r.attempts > 0 && (
            <div class="meta">Próximo intento: {formatDateTimeShort(r.nextAttemptAt)}</div>
          )}
        </>
      ),
      exportValue: (r) => WEBHOOK_DELIVERY_STATUS_LABELS[r.status],
    },
    {
      label: 'Endpoint',
      showFrom: 1080,
      cell: (r) => (
        <span class="clip" title={r.endpointUrl}>
          {r.endpointUrl}
        </span>
      ),
      exportValue: (r) => r.endpointUrl,
    },
    { label: 'Intentos', num: true, showFrom: 700, cell: (r) => r.attempts, exportValue: (r) => r.attempts },
    { label: 'Id del mensaje', exportValue: (r) => r.messageId },
    {
      label: 'Acciones',
      cell: (r, { ctx }: { ctx: PageContext }) =>
        r.status === 'SENDING' ? null : (
          <form method="post" action={`${LIST}${r.id}/reenviar/`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button button-small button-secondary">
              Reenviar
            </button>
          </form>
        ),
    },
  ],
});
