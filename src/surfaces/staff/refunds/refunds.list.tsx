import { listRefundsDue, REFUND_SORTS, refundsDueTotals } from '../../../domain/enrollments';
import { defineList } from '../../../http/staff-list';
import { formatDateShort, formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import type { PageContext } from '../../../ui/context';
import { PaymentMiniForm } from '../workshops/views/payment-mini-form';

const LIST = '/gestion/devoluciones/';

const REFUND_QUERY = {
  sortable: REFUND_SORTS,
  defaultSort: 'anulada' as const,
  defaultDir: 'asc' as const,
  filters: { taller: filter.id() },
};

/** What each row's refund form needs from the page: the CSRF token and the way back. */
type RefundView = { ctx: PageContext; currentUrl: string };

/**
 * Refunds owed (/gestion/devoluciones/): cancelled enrollments with money still to give back, the
 * oldest cancellation first, each with its "Registrar devolución" form.
 */
export const REFUND_LIST = defineList({
  path: LIST,
  exportName: 'devoluciones',
  sheet: 'Devoluciones',
  query: REFUND_QUERY,
  criteria: (query) => ({ q: query.q, workshopId: query.filters.taller }),
  totals: refundsDueTotals,
  rows: listRefundsDue,
  rowId: (r) => r.id,
  columns: [
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (r) => (
        <a href={`/gestion/clientes/${r.customerId}/`} class="clip" title={r.email}>
          {r.fullName}
        </a>
      ),
      exportValue: (r) => r.fullName,
    },
    { label: 'Correo', exportValue: (r) => r.email },
    {
      label: 'Teléfono',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (r) => r.phone ?? '—',
      exportValue: (r) => r.phone,
    },
    {
      label: 'Taller',
      sort: 'taller',
      cell: (r) => (
        <a
          href={`/gestion/talleres/${r.workshopId}/?anulados=1`}
          class="clip"
          title={`${r.workshopName} · ${formatDateTimeShort(r.startsAt)}`}
        >
          {r.workshopName}
        </a>
      ),
      exportValue: (r) => r.workshopName,
    },
    {
      label: 'Fecha del taller',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (r) => formatDateShort(r.startsAt),
      exportValue: (r) => formatDateShort(r.startsAt),
    },
    {
      label: 'Anulada',
      exportLabel: 'Anulada el',
      sort: 'anulada',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (r) => (r.cancelledAt ? formatDateShort(r.cancelledAt) : '—'),
      exportValue: (r) => (r.cancelledAt ? formatDateShort(r.cancelledAt) : null),
    },
    {
      label: 'Por devolver',
      exportLabel: 'Por devolver (CLP)',
      sort: 'monto',
      num: true,
      cellClass: 'nowrap',
      cell: (r) => <strong data-test="refund-due">{formatClp(r.refundDueClp)}</strong>,
      exportValue: (r) => r.refundDueClp,
    },
    {
      label: 'Registrar devolución',
      cell: (r, { ctx, currentUrl }: RefundView) => (
        <PaymentMiniForm
          ctx={ctx}
          action={`${LIST}${r.id}/`}
          balance={r.refundDueClp}
          // A refund is recorded once per amount still due (the service's idempotency key), so
          // the form needs no token of its own; this one only satisfies the shared form.
          token={`devolucion-pendiente-${r.id}`}
          back={currentUrl}
          more={{ href: `${LIST}${r.id}/`, label: 'Más opciones de devolución' }}
        />
      ),
    },
  ],
});
