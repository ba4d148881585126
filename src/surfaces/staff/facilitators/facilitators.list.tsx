import { countFacilitators, FACILITATOR_SORTS, listFacilitators } from '../../../domain/facilitators';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatRut } from '../../../lib/rut';

/** Facilitators: /gestion/facilitadores/. */
export const FACILITATOR_LIST = defineList({
  path: '/gestion/facilitadores/',
  exportName: 'facilitadores',
  sheet: 'Facilitadores',
  query: {
    sortable: FACILITATOR_SORTS,
    defaultSort: 'nombre' as const,
    defaultDir: 'asc' as const,
    filters: {},
  },
  criteria: (query) => ({ q: query.q }),
  totals: countOnly(countFacilitators),
  rows: listFacilitators,
  rowId: (f) => f.id,
  columns: [
    {
      label: 'Nombre',
      sort: 'nombre',
      cell: (f) => <a href={`/gestion/facilitadores/${f.id}/`}>{f.name}</a>,
      exportValue: (f) => f.name,
    },
    {
      label: 'RUT',
      cellClass: 'nowrap',
      cell: (f) => formatRut(f.rut),
      exportValue: (f) => formatRut(f.rut),
    },
    {
      label: 'Correo',
      showFrom: 700,
      cell: (f) => (f.email ? <span class="clip">{f.email}</span> : '—'),
      exportValue: (f) => f.email,
    },
    { label: 'Teléfono', showFrom: 1080, cell: (f) => f.phone ?? '—', exportValue: (f) => f.phone },
    {
      label: 'Talleres',
      sort: 'sesiones',
      num: true,
      cell: (f) => f.sessions,
      exportValue: (f) => f.sessions,
    },
    {
      label: 'Acceso',
      showFrom: 700,
      cell: (f) => (f.loginEmail ? 'Con cuenta' : 'Sin cuenta'),
      exportValue: (f) => (f.loginEmail ? 'Con cuenta' : 'Sin cuenta'),
    },
  ],
});
