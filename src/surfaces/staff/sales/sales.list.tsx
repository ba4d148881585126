import { SALE_STATUSES } from '../../../db/schema';
import { listSales, SALE_SORTS, saleTotals } from '../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';

const SALE_QUERY = {
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

/** Shop orders: /gestion/ventas/. */
export const SALE_LIST = defineList({
  path: '/gestion/ventas/',
  exportName: 'ventas',
  sheet: 'Ventas',
  query: SALE_QUERY,
  criteria: (query) => ({
    q: query.q,
    status: query.filters.estado,
    ...santiagoDayRange(query.filters.desde, query.filters.hasta),
    ids: query.filters.ids,
  }),
  totals: saleTotals,
  rows: listSales,
  rowId: (s) => s.id,
  columns: [
    {
      label: 'Pedido',
      exportLabel: 'Pedido N°',
      sort: 'numero',
      cell: (s) => (
        <a href={`/gestion/ventas/${s.id}/`} data-test="sale-link">
          N° {s.id}
        </a>
      ),
      exportValue: (s) => s.id,
    },
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (s) => (
        <a href={`/gestion/clientes/${s.customerId}/`} class="clip" title={s.customerName}>
          {s.customerName}
        </a>
      ),
      exportValue: (s) => s.customerName,
    },
    { label: 'Correo', exportValue: (s) => s.customerEmail },
    {
      label: 'Fecha',
      sort: 'fecha',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (s) => formatDateTimeShort(s.createdAt),
      exportValue: (s) => formatDateTimeShort(s.createdAt),
    },
    {
      label: 'Líneas',
      num: true,
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (s) => `${s.lineCount} (${s.units} u.)`,
      exportValue: (s) => Number(s.lineCount),
    },
    { label: 'Unidades', exportValue: (s) => Number(s.units) },
    {
      label: 'Total',
      exportLabel: 'Total (CLP)',
      sort: 'total',
      num: true,
      cell: (s) => formatClp(s.totalClp),
      exportValue: (s) => s.totalClp,
    },
    {
      label: 'Estado',
      sort: 'estado',
      cell: (s) => <span class={`badge badge-${s.status}`}>{SALE_STATUS_LABELS[s.status]}</span>,
      exportValue: (s) => SALE_STATUS_LABELS[s.status],
    },
    { label: 'Pagado el', exportValue: (s) => (s.paidAt ? formatDateTimeShort(s.paidAt) : null) },
  ],
});
