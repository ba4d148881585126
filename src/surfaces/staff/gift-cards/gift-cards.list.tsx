import {
  GIFT_CARD_SORTS,
  GIFT_CARD_STATES,
  giftCardTotals,
  listGiftCards,
  maskedCode,
} from '../../../domain/gift-cards';
import { GIFT_CARD_STATE_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';

const GIFT_CARD_QUERY = {
  sortable: GIFT_CARD_SORTS,
  defaultSort: 'compra' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(GIFT_CARD_STATES),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

/** Gift cards sold: /gestion/tarjetas-regalo/, the code masked but for its last four characters. */
export const GIFT_CARD_LIST = defineList({
  path: '/gestion/tarjetas-regalo/',
  exportName: 'tarjetas-de-regalo',
  sheet: 'Tarjetas de regalo',
  query: GIFT_CARD_QUERY,
  criteria: (query, now: Date) => ({
    q: query.q,
    state: query.filters.estado,
    ...santiagoDayRange(query.filters.desde, query.filters.hasta),
    ids: query.filters.ids,
    now,
  }),
  totals: giftCardTotals,
  rows: listGiftCards,
  rowId: (c) => c.id,
  columns: [
    {
      label: 'Tarjeta',
      exportLabel: 'Tarjeta N°',
      sort: 'numero',
      cell: (c) => (
        <a href={`/gestion/tarjetas-regalo/${c.id}/`} data-test="gift-card-link">
          N° {c.id}
        </a>
      ),
      exportValue: (c) => c.id,
    },
    {
      label: 'Código',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (c) => <span data-test="gift-card-code">{maskedCode(c.codeLast4)}</span>,
      exportValue: (c) => maskedCode(c.codeLast4),
    },
    {
      label: 'Para',
      cell: (c) => (
        <span class="clip" title={c.recipientEmail}>
          {c.recipientName}
        </span>
      ),
      exportValue: (c) => c.recipientName,
    },
    { label: 'Correo de quien la recibe', exportValue: (c) => c.recipientEmail },
    {
      label: 'Comprada por',
      showFrom: 700,
      cell: (c) => (
        <a href={`/gestion/clientes/${c.buyerCustomerId}/`} class="clip" title={c.buyerName}>
          {c.buyerName}
        </a>
      ),
      exportValue: (c) => c.buyerName,
    },
    { label: 'Correo de quien compró', exportValue: (c) => c.buyerEmail },
    {
      label: 'Monto',
      exportLabel: 'Monto (CLP)',
      sort: 'monto',
      num: true,
      showFrom: 700,
      cell: (c) => formatClp(c.amountClp),
      exportValue: (c) => c.amountClp,
    },
    {
      label: 'Saldo',
      exportLabel: 'Saldo (CLP)',
      sort: 'saldo',
      num: true,
      cell: (c) => formatClp(c.balance),
      exportValue: (c) => c.balance,
    },
    {
      label: 'Compra',
      sort: 'compra',
      showFrom: 1080,
      cellClass: 'nowrap',
      cell: (c) => formatDateShort(c.createdAt),
      exportValue: (c) => formatDateShort(c.createdAt),
    },
    {
      label: 'Vence',
      sort: 'vence',
      showFrom: 1080,
      cellClass: 'nowrap',
      cell: (c) => (c.expiresAt ? formatDateShort(c.expiresAt) : '—'),
      exportValue: (c) => (c.expiresAt ? formatDateShort(c.expiresAt) : null),
    },
    {
      label: 'Estado',
      cell: (c) => GIFT_CARD_STATE_LABELS[c.state],
      exportValue: (c) => GIFT_CARD_STATE_LABELS[c.state],
    },
    { label: 'Pedido N°', exportValue: (c) => c.saleId },
  ],
});
