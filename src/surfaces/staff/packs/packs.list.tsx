import { PACK_STATUSES } from '../../../db/schema';
import { listPacksSold, PACK_OWNER_FILTERS, PACK_SORTS, packTotals } from '../../../domain/packs';
import { PACK_STATUS_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { formatRut } from '../../../lib/rut';
import { santiagoDayRange } from '../lists/admin-lists.dates';

const PACK_QUERY = {
  sortable: PACK_SORTS,
  defaultSort: 'compra' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(PACK_STATUSES),
    tipo: filter.oneOf(PACK_OWNER_FILTERS),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

/**
 * Packs sold and company seat bundles: /gestion/bonos/. Filtered to companies ("tipo=empresa") it
 * is the per-company usage report: seats given, used and left per bundle.
 */
export const PACK_LIST = defineList({
  path: '/gestion/bonos/',
  exportName: 'bonos',
  sheet: 'Bonos',
  query: PACK_QUERY,
  criteria: (query) => ({
    q: query.q,
    status: query.filters.estado,
    owner: query.filters.tipo,
    ...santiagoDayRange(query.filters.desde, query.filters.hasta),
    ids: query.filters.ids,
  }),
  totals: packTotals,
  rows: listPacksSold,
  rowId: (p) => p.id,
  columns: [
    {
      label: 'Bono',
      exportLabel: 'Bono N°',
      sort: 'numero',
      cell: (p) => (
        <a href={`/gestion/bonos/${p.id}/`} data-test="pack-link">
          N° {p.id}
        </a>
      ),
      exportValue: (p) => p.id,
    },
    {
      label: 'Titular',
      sort: 'titular',
      cell: (p) =>
        p.customerId !== null ? (
          <a href={`/gestion/clientes/${p.customerId}/`} class="clip" title={p.customerName ?? ''}>
            {p.customerName}
          </a>
        ) : (
          <a href={`/gestion/empresas/${p.companyId}/`} class="clip" title={p.companyName ?? ''}>
            {p.companyName}
          </a>
        ),
      exportValue: (p) => p.customerName ?? p.companyName,
    },
    { label: 'Tipo', exportValue: (p) => (p.customerId !== null ? 'Cliente' : 'Empresa') },
    { label: 'Correo', exportValue: (p) => p.customerEmail },
    { label: 'RUT empresa', exportValue: (p) => (p.companyRut ? formatRut(p.companyRut) : null) },
    { label: 'Nombre', showFrom: 700, cell: (p) => p.name, exportValue: (p) => p.name },
    {
      label: 'Créditos',
      num: true,
      showFrom: 700,
      cell: (p) => p.credits,
      exportValue: (p) => p.credits,
    },
    { label: 'Usados', num: true, showFrom: 700, cell: (p) => p.used, exportValue: (p) => p.used },
    { label: 'Saldo', sort: 'saldo', num: true, cell: (p) => p.balance, exportValue: (p) => p.balance },
    {
      label: 'Valor',
      exportLabel: 'Valor (CLP)',
      sort: 'valor',
      num: true,
      showFrom: 700,
      cell: (p) => formatClp(p.priceClp),
      exportValue: (p) => p.priceClp,
    },
    {
      label: 'Compra',
      sort: 'compra',
      showFrom: 1080,
      cellClass: 'nowrap',
      cell: (p) => formatDateShort(p.purchasedAt),
      exportValue: (p) => formatDateShort(p.purchasedAt),
    },
    {
      label: 'Vence',
      sort: 'vence',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (p) => formatDateShort(p.expiresAt),
      exportValue: (p) => formatDateShort(p.expiresAt),
    },
    {
      label: 'Estado',
      cell: (p) => PACK_STATUS_LABELS[p.status],
      exportValue: (p) => PACK_STATUS_LABELS[p.status],
    },
    { label: 'Pedido N°', exportValue: (p) => p.saleId },
  ],
});
