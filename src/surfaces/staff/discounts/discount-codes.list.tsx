import { DISCOUNT_SCOPES } from '../../../db/schema';
import {
  CODE_STATES,
  countDiscountCodes,
  DISCOUNT_CODE_SORTS,
  type DiscountCodeFilters,
  type DiscountCodeListRow,
  discountCodeTotals,
  listDiscountCodes,
} from '../../../domain/discounts';
import { DISCOUNT_CODE_STATE_LABELS, DISCOUNT_SCOPE_LABELS } from '../../../domain/vocabulary';
import { defineList, type ListDataOf } from '../../../http/staff-list';
import { formatCalendarDate, santiagoDate } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';

export const CODES_PATH = '/gestion/codigos/';

const amountOff = (c: DiscountCodeListRow) => (c.kind === 'percent' ? `${c.value}%` : formatClp(c.value));
const validity = (c: DiscountCodeListRow) =>
  c.validFrom && c.validUntil
    ? `${formatCalendarDate(c.validFrom)} al ${formatCalendarDate(c.validUntil)}`
    : c.validFrom
      ? `Desde ${formatCalendarDate(c.validFrom)}`
      : c.validUntil
        ? `Hasta ${formatCalendarDate(c.validUntil)}`
        : 'Sin fechas';
const CODE_QUERY = {
  sortable: DISCOUNT_CODE_SORTS,
  defaultSort: 'creado' as const,
  defaultDir: 'desc' as const,
  filters: { estado: filter.oneOf(CODE_STATES), alcance: filter.oneOf(DISCOUNT_SCOPES) },
};

type Criteria = { filters: DiscountCodeFilters; today: string };

const uses = (c: DiscountCodeListRow) =>
  c.maxUses === null ? String(c.usesCount) : `${c.usesCount} de ${c.maxUses}`;

/**
 * Discount codes in the back office: /gestion/codigos/. A code's state depends on the day, so the
 * list is built with the app's clock (the criteria carry today's Santiago date).
 */
export const discountCodeList = (clock: () => Date) =>
  defineList({
    path: CODES_PATH,
    exportName: 'codigos-de-descuento',
    sheet: 'Códigos',
    query: CODE_QUERY,
    criteria: (query): Criteria => ({
      filters: { q: query.q, state: query.filters.estado, scope: query.filters.alcance },
      today: santiagoDate(clock()),
    }),
    totals: async (db, c: Criteria) => ({
      count: await countDiscountCodes(db, c.filters, c.today),
      ...(await discountCodeTotals(db, c.filters, c.today)),
    }),
    rows: (db, c: Criteria, order, window) => listDiscountCodes(db, c.filters, c.today, order, window),
    rowId: (c) => c.id,
    columns: [
      {
        label: 'Código',
        sort: 'codigo',
        cell: (c) => (
          <a href={`${CODES_PATH}${c.id}/editar/`} data-test="code-link">
            <strong>{c.code}</strong>
          </a>
        ),
        exportValue: (c) => c.code,
      },
      {
        label: 'Descripción',
        showFrom: 1080,
        cell: (c) => c.description || '—',
        exportValue: (c) => c.description,
      },
      { label: 'Descuento', cellClass: 'nowrap', cell: amountOff, exportValue: amountOff },
      {
        label: 'Alcance',
        showFrom: 700,
        cell: (c) => DISCOUNT_SCOPE_LABELS[c.scope],
        exportValue: (c) => DISCOUNT_SCOPE_LABELS[c.scope],
      },
      { label: 'Vigencia', sort: 'vence', showFrom: 1080, cell: validity, exportValue: validity },
      {
        label: 'Usos',
        sort: 'usos',
        num: true,
        cellClass: 'nowrap',
        cell: uses,
        exportValue: (c) => c.usesCount,
      },
      { label: 'Usos máximos', exportValue: (c) => c.maxUses },
      { label: 'Usos por cliente', exportValue: (c) => c.maxUsesPerCustomer },
      { label: 'Mínimo (CLP)', exportValue: (c) => c.minAmountClp },
      {
        label: 'Descontado',
        exportLabel: 'Descontado (CLP)',
        num: true,
        showFrom: 1080,
        cell: (c) => formatClp(Number(c.discountGivenClp)),
        exportValue: (c) => Number(c.discountGivenClp),
      },
      {
        label: 'Estado',
        cell: (c) => (
          <span class={`badge badge-code-${c.state}`} data-test="code-state">
            {DISCOUNT_CODE_STATE_LABELS[c.state]}
          </span>
        ),
        exportValue: (c) => DISCOUNT_CODE_STATE_LABELS[c.state],
      },
    ],
  });

export type DiscountCodeListData = ListDataOf<ReturnType<typeof discountCodeList>>;
