import { SALE_STATUSES } from '../../../db/schema';
import { FULFILMENT_FILTERS, listSales, SALE_SORTS, saleTotals } from '../../../domain/sales';
import {
  FULFILMENT_METHOD_LABELS,
  FULFILMENT_STATUS_LABELS,
  SALE_STATUS_LABELS,
} from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { FulfilmentBadge } from '../../../ui/fulfilment';
import { santiagoDayRange } from '../lists/admin-lists.dates';

const SALE_QUERY = {
  sortable: SALE_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(SALE_STATUSES),
    entrega: filter.oneOf(FULFILMENT_FILTERS),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

/** Values of the "Entrega" filter, as staff read them. */
export const FULFILMENT_FILTER_LABELS = {
  sin_entregar: 'Sin entregar',
  por_preparar: 'Por preparar',
  preparado: 'Preparado',
  por_despachar: 'Por despachar',
  listo_para_retiro: 'Listo para retiro',
  despachado: 'Despachado',
  entregado: 'Entregado',
} as const satisfies Record<(typeof FULFILMENT_FILTERS)[number], string>;

/** Shop orders: /gestion/ventas/. */
export const SALE_LIST = defineList({
  path: '/gestion/ventas/',
  exportName: 'ventas',
  sheet: 'Ventas',
  query: SALE_QUERY,
  criteria: (query) => ({
    q: query.q,
    status: query.filters.estado,
    fulfilment: query.filters.entrega,
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
    {
      label: 'Entrega',
      cell: (s) => (
        <>
          <span class="cell-line">
            {s.fulfilmentMethod === 'pickup' ? 'Retiro' : `Despacho · ${s.deliveryRegion ?? ''}`}
          </span>{' '}
          <FulfilmentBadge
            f={{ saleStatus: s.status, status: s.fulfilmentStatus }}
            data-test={`sale-fulfilment-${s.id}`}
          />
        </>
      ),
      exportLabel: 'Forma de entrega',
      exportValue: (s) => FULFILMENT_METHOD_LABELS[s.fulfilmentMethod],
    },
    {
      label: 'Estado de entrega',
      exportValue: (s) => (s.status === 'PAGADO' ? FULFILMENT_STATUS_LABELS[s.fulfilmentStatus] : null),
    },
    { label: 'Región', exportValue: (s) => s.deliveryRegion },
    { label: 'Comuna', exportValue: (s) => s.deliveryComuna },
    { label: 'Despacho (CLP)', exportValue: (s) => s.shippingClp },
  ],
});
