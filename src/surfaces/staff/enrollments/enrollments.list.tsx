import { ENROLLMENT_STATUSES } from '../../../db/schema';
import { ENROLLMENT_SORTS, enrollmentTotals, listEnrollments } from '../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS } from '../../../domain/vocabulary';
import { defineList } from '../../../http/staff-list';
import { formatDateShort, formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';

const ENROLLMENT_QUERY = {
  sortable: ENROLLMENT_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    estado: filter.oneOf(ENROLLMENT_STATUSES),
    taller: filter.id(),
    desde: filter.date(),
    hasta: filter.date(),
    ids: filter.ids(500),
  },
};

/** Every enrollment, across workshops: /gestion/inscripciones/. */
export const ENROLLMENT_LIST = defineList({
  path: '/gestion/inscripciones/',
  exportName: 'inscripciones',
  sheet: 'Inscripciones',
  query: ENROLLMENT_QUERY,
  criteria: (query) => ({
    q: query.q,
    status: query.filters.estado,
    workshopId: query.filters.taller,
    ...santiagoDayRange(query.filters.desde, query.filters.hasta),
    ids: query.filters.ids,
  }),
  totals: enrollmentTotals,
  rows: listEnrollments,
  rowId: (e) => e.id,
  columns: [
    { label: 'N°', showFrom: 700, cell: (e) => String(e.id), exportValue: (e) => e.id },
    {
      label: 'Cliente',
      sort: 'cliente',
      cell: (e) => (
        <a
          href={`/gestion/clientes/${e.customerId}/`}
          class="clip"
          title={`${e.customerName} · ${e.customerEmail}`}
        >
          {e.customerName}
        </a>
      ),
      exportValue: (e) => e.customerName,
    },
    { label: 'Correo', exportValue: (e) => e.customerEmail },
    {
      label: 'Taller',
      sort: 'taller',
      cell: (e) => (
        <a
          href={`/gestion/talleres/${e.workshopId}/`}
          class="clip"
          title={`${e.workshopName} · ${formatDateTimeShort(e.workshopStartsAt)}`}
        >
          {e.workshopName}
        </a>
      ),
      exportValue: (e) => e.workshopName,
    },
    {
      label: 'Fecha del taller',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (e) => formatDateTimeShort(e.workshopStartsAt),
      exportValue: (e) => formatDateTimeShort(e.workshopStartsAt),
    },
    {
      label: 'Inscrita',
      exportLabel: 'Inscrita el',
      sort: 'fecha',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (e) => formatDateShort(e.createdAt),
      exportValue: (e) => formatDateShort(e.createdAt),
    },
    {
      label: 'Estado',
      sort: 'estado',
      cell: (e) => <span class={`badge badge-${e.status}`}>{ENROLLMENT_STATUS_LABELS[e.status]}</span>,
      exportValue: (e) => ENROLLMENT_STATUS_LABELS[e.status],
    },
    {
      label: 'Monto',
      exportLabel: 'Monto (CLP)',
      sort: 'monto',
      num: true,
      showFrom: 700,
      cell: (e) => formatClp(e.amountDueClp),
      exportValue: (e) => e.amountDueClp,
    },
    {
      label: 'Pagado',
      exportLabel: 'Pagado (CLP)',
      sort: 'pagado',
      num: true,
      cell: (e) => formatClp(e.amountPaidClp),
      exportValue: (e) => e.amountPaidClp,
    },
    {
      label: 'Debe',
      exportLabel: 'Debe (CLP)',
      sort: 'debe',
      num: true,
      cell: (e) => (e.owedClp > 0 ? formatClp(e.owedClp) : '—'),
      exportValue: (e) => e.owedClp,
    },
  ],
});
