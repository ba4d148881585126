import { PAYMENT_METHODS } from '../../../db/schema';
import { listPayments, PAYMENT_SORTS, type PaymentListRow, paymentTotals } from '../../../domain/payments';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';

/** What a ledger row paid for, as staff read it. */
export const paymentSubject = (p: PaymentListRow) =>
  p.saleId !== null
    ? `Pedido N° ${p.saleId}`
    : `${p.workshopName ?? 'Taller'} (inscripción N° ${p.enrollmentId})`;

const signed = (p: PaymentListRow) => (p.kind === 'REFUND' ? -p.amountClp : p.amountClp);

const PAYMENT_QUERY = {
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

/** The payments ledger (payments and refunds, workshops and shop): /gestion/pagos/. */
export const PAYMENT_LIST = defineList({
  path: '/gestion/pagos/',
  exportName: 'pagos',
  sheet: 'Pagos',
  query: PAYMENT_QUERY,
  criteria: (query) => {
    const f = query.filters;
    return {
      q: query.q,
      method: f.metodo,
      kind: f.tipo === null ? null : f.tipo === 'pago' ? ('PAYMENT' as const) : ('REFUND' as const),
      source:
        f.origen === null ? null : f.origen === 'talleres' ? ('enrollments' as const) : ('sales' as const),
      ...santiagoDayRange(f.desde, f.hasta),
      ids: f.ids,
    };
  },
  totals: paymentTotals,
  rows: listPayments,
  rowId: (p) => p.id,
  columns: [
    {
      label: 'Fecha',
      sort: 'fecha',
      cellClass: 'nowrap',
      cell: (p) => formatDateTimeShort(p.paidAt),
      exportValue: (p) => formatDateTimeShort(p.paidAt),
    },
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (p) => (
        <a href={`/gestion/clientes/${p.customerId}/`} class="clip" title={p.customerName}>
          {p.customerName}
        </a>
      ),
      exportValue: (p) => p.customerName,
    },
    {
      label: 'Concepto',
      cell: (p) =>
        p.saleId !== null ? (
          <a href={`/gestion/ventas/${p.saleId}/`}>Pedido N° {p.saleId}</a>
        ) : (
          <a href={`/gestion/talleres/${p.workshopId}/`} class="clip" title={paymentSubject(p)}>
            {p.workshopName}
          </a>
        ),
      exportValue: paymentSubject,
    },
    {
      label: 'Tipo',
      cell: (p) =>
        p.kind === 'REFUND' ? (
          <span class="badge badge-ANULADO">{PAYMENT_KIND_LABELS.REFUND}</span>
        ) : (
          PAYMENT_KIND_LABELS.PAYMENT
        ),
      exportValue: (p) => PAYMENT_KIND_LABELS[p.kind],
    },
    {
      label: 'Medio',
      sort: 'metodo',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (p) => PAYMENT_METHOD_LABELS[p.method],
      exportValue: (p) => PAYMENT_METHOD_LABELS[p.method],
    },
    {
      label: 'Referencia',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (p) => p.reference,
      exportValue: (p) => p.reference,
    },
    {
      label: 'Monto',
      exportLabel: 'Monto (CLP)',
      sort: 'monto',
      num: true,
      cellClass: 'nowrap',
      cell: (p) => formatClp(signed(p)),
      exportValue: signed,
    },
    {
      label: 'Registrado por',
      showFrom: 1080,
      cellClass: 'nowrap',
      cell: (p) => p.recordedBy ?? <span class="meta">Cliente (en línea)</span>,
      exportValue: (p) => p.recordedBy ?? 'Cliente (en línea)',
    },
  ],
});
