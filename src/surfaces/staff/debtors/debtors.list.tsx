import type { EnrollmentStatus } from '../../../db/schema';
import { DEBTOR_SORTS, DEBTOR_STATES, debtorTotals, listDebtors } from '../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateShort, formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import type { PageContext } from '../../../ui/context';
import { PaymentMiniForm } from '../workshops/views/payment-mini-form';

const LIST = '/gestion/deudores/';
const DAY_MS = 24 * 3600_000;

/** Days since the enrollment was made (how long the debt has been open). */
const daysSince = (iso: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / DAY_MS));

const DEBTOR_QUERY = {
  sortable: DEBTOR_SORTS,
  defaultSort: 'monto' as const,
  defaultDir: 'desc' as const,
  filters: { estado: filter.oneOf(DEBTOR_STATES), taller: filter.id() },
};

/** What each row's payment form needs from the page: the CSRF token, a form token per row, the way back. */
type DebtorView = { ctx: PageContext; paymentTokens: Record<number, string>; currentUrl: string };

/** Debtors: /gestion/deudores/. Each row carries how many days its debt has been open. */
export const DEBTOR_LIST = defineList({
  path: LIST,
  exportName: 'deudores',
  sheet: 'Deudores',
  query: DEBTOR_QUERY,
  criteria: (query) => ({ q: query.q, state: query.filters.estado, workshopId: query.filters.taller }),
  totals: debtorTotals,
  rows: async (db, criteria, order, window, now) =>
    (await listDebtors(db, criteria, order, window)).map((r) => ({
      ...r,
      days: daysSince(r.createdAt, now),
    })),
  rowId: (d) => d.id,
  pageSize: 15,
  columns: [
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (d) => (
        <a href={`/gestion/clientes/${d.customerId}/`} class="clip" title={d.email}>
          {d.fullName}
        </a>
      ),
      exportValue: (d) => d.fullName,
    },
    { label: 'Correo', exportValue: (d) => d.email },
    {
      label: 'Teléfono',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (d) => d.phone ?? '—',
      exportValue: (d) => d.phone,
    },
    {
      label: 'Taller',
      sort: 'taller',
      cell: (d) => (
        <a href={`/gestion/talleres/${d.workshopId}/`} class="clip" title={d.workshopName}>
          {d.workshopName}
        </a>
      ),
      exportValue: (d) => d.workshopName,
    },
    {
      label: 'Fecha',
      exportLabel: 'Fecha del taller',
      sort: 'fecha',
      showFrom: 1080,
      cellClass: 'nowrap',
      cell: (d) => <span title={formatDateTimeShort(d.startsAt)}>{formatDateShort(d.startsAt)}</span>,
      exportValue: (d) => formatDateShort(d.startsAt),
    },
    {
      label: 'Estado',
      showFrom: 1300,
      cell: (d) => (
        <span class={`badge badge-${d.status}`}>
          {ENROLLMENT_STATUS_LABELS[d.status as EnrollmentStatus]}
        </span>
      ),
      exportValue: (d) => ENROLLMENT_STATUS_LABELS[d.status as EnrollmentStatus],
    },
    { label: 'Monto (CLP)', exportValue: (d) => d.amountDueClp },
    {
      label: 'Pagado',
      exportLabel: 'Pagado (CLP)',
      num: true,
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (d) => <span title={`de ${formatClp(d.amountDueClp)}`}>{formatClp(d.amountPaidClp)}</span>,
      exportValue: (d) => d.amountPaidClp,
    },
    {
      label: 'Debe',
      exportLabel: 'Debe (CLP)',
      sort: 'monto',
      num: true,
      cellClass: 'nowrap',
      cell: (d) => <strong data-test="debtor-owed">{formatClp(d.owedClp)}</strong>,
      exportValue: (d) => d.owedClp,
    },
    { label: 'Inscripción', exportValue: (d) => formatDateShort(d.createdAt) },
    {
      label: 'Desde',
      exportLabel: 'Días',
      sort: 'antiguedad',
      cellClass: 'nowrap',
      cell: (d) => (
        <span title={formatDateShort(d.createdAt)}>
          {d.days === 0 ? 'hoy' : d.days === 1 ? 'hace 1 día' : `hace ${d.days} días`}
        </span>
      ),
      exportValue: (d) => d.days,
    },
    {
      label: 'Registrar pago',
      cell: (d, { ctx, paymentTokens, currentUrl }: DebtorView) =>
        d.owedClp > 0 ? (
          <PaymentMiniForm
            ctx={ctx}
            action={`${LIST}${d.id}/pago/`}
            balance={d.owedClp}
            token={paymentTokens[d.id] ?? ''}
            back={currentUrl}
            more={{ href: `${LIST}${d.id}/pago/`, label: 'Más opciones de pago' }}
          />
        ) : (
          '—'
        ),
    },
  ],
});
