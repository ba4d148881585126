import { ATTEMPT_STATES, ONLINE_PROVIDERS, RECONCILIATION_RESULTS } from '../../../db/schema';
import { ATTEMPT_SORTS, type AttemptListRow, attemptTotals, listAttempts } from '../../../domain/payments';
import {
  ATTEMPT_ISSUE_LABELS,
  ATTEMPT_STATE_LABELS,
  PAYMENT_PROVIDER_LABELS,
  RECONCILIATION_LABELS,
} from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';
import { AttemptStateBadge } from './views/attempt-state';

/** What an attempt paid for, as staff read it. */
export const attemptSubject = (a: AttemptListRow) =>
  a.saleId !== null
    ? `Pedido N° ${a.saleId}`
    : `${a.workshopName ?? 'Taller'} (inscripción N° ${a.enrollmentId})`;

const stateText = (a: AttemptListRow) =>
  a.issue
    ? `${ATTEMPT_STATE_LABELS[a.state]} · ${ATTEMPT_ISSUE_LABELS[a.issue]}`
    : ATTEMPT_STATE_LABELS[a.state];

const reconciliationText = (a: AttemptListRow) =>
  a.reconciliation === null
    ? 'Sin conciliar'
    : a.reconciliation === 'matched'
      ? RECONCILIATION_LABELS.matched
      : `${RECONCILIATION_LABELS.mismatch}: ${a.reconciliationDetail ?? ''}`.trim();

const ATTEMPT_QUERY = {
  sortable: ATTEMPT_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    proveedor: filter.oneOf(ONLINE_PROVIDERS),
    estado: filter.oneOf(ATTEMPT_STATES),
    origen: filter.oneOf(['talleres', 'kits'] as const),
    problemas: filter.flag(),
    conciliacion: filter.oneOf(['coincide', 'diferencia'] as const),
    desde: filter.date(),
    hasta: filter.date(),
  },
};

/** Every try at paying online, by state, with the reconciliation's word on it: /gestion/pagos-en-linea/. */
export const ATTEMPT_LIST = defineList({
  path: '/gestion/pagos-en-linea/',
  exportName: 'pagos-en-linea',
  sheet: 'Pagos en línea',
  query: ATTEMPT_QUERY,
  criteria: (query) => {
    const f = query.filters;
    return {
      q: query.q,
      provider: f.proveedor,
      state: f.estado,
      purpose:
        f.origen === null ? null : f.origen === 'talleres' ? ('enrollment' as const) : ('sale' as const),
      issues: f.problemas,
      reconciliation:
        f.conciliacion === null ? null : RECONCILIATION_RESULTS[f.conciliacion === 'coincide' ? 0 : 1],
      ...santiagoDayRange(f.desde, f.hasta),
    };
  },
  totals: attemptTotals,
  rows: listAttempts,
  rowId: (a) => a.id,
  columns: [
    {
      label: 'Fecha',
      sort: 'fecha',
      cell: (a) => <a href={`/gestion/pagos-en-linea/${a.id}/`}>{formatDateTimeShort(a.createdAt)}</a>,
      exportValue: (a) => formatDateTimeShort(a.createdAt),
    },
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (a) => <a href={`/gestion/clientes/${a.customerId}/`}>{a.customerName}</a>,
      exportValue: (a) => a.customerName,
    },
    {
      label: 'Concepto',
      cell: (a) =>
        a.saleId !== null ? (
          <a href={`/gestion/ventas/${a.saleId}/`}>Pedido N° {a.saleId}</a>
        ) : (
          <>
            <a href={`/gestion/talleres/${a.workshopId}/`}>{a.workshopName}</a>
            <br />
            <span class="meta">Inscripción N° {a.enrollmentId}</span>
          </>
        ),
      exportValue: attemptSubject,
    },
    // On the page the provider and the buy order share a cell, so the table fits a laptop; the
    // export keeps them in columns of their own.
    {
      label: 'Medio y orden de compra',
      cellClass: 'nowrap',
      cell: (a) => (
        <>
          {PAYMENT_PROVIDER_LABELS[a.provider]}
          <br />
          <code>{a.buyOrder}</code>
        </>
      ),
    },
    { label: 'Medio', exportValue: (a) => PAYMENT_PROVIDER_LABELS[a.provider] },
    { label: 'Orden de compra', exportValue: (a) => a.buyOrder },
    {
      label: 'Monto',
      exportLabel: 'Monto (CLP)',
      sort: 'monto',
      num: true,
      cell: (a) => formatClp(a.amountClp),
      exportValue: (a) => a.amountClp,
    },
    {
      label: 'Devuelto',
      exportLabel: 'Devuelto (CLP)',
      num: true,
      cell: (a) => (a.refundedClp > 0 ? formatClp(a.refundedClp) : '—'),
      exportValue: (a) => a.refundedClp,
    },
    {
      label: 'Estado',
      sort: 'estado',
      cell: (a) => (
        <AttemptStateBadge
          state={a.state}
          issue={a.issue}
          label={stateText(a)}
          data-test={`attempt-state-${a.id}`}
        />
      ),
      exportValue: stateText,
    },
    {
      label: 'Conciliación',
      cell: (a) => (
        <span
          class={a.reconciliation === 'mismatch' ? 'error' : 'meta'}
          data-test={`attempt-reconciliation-${a.id}`}
        >
          {reconciliationText(a)}
        </span>
      ),
      exportValue: reconciliationText,
    },
  ],
});
