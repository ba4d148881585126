import { countLocations, LOCATION_SORTS, listLocations } from '../../../domain/locations';
import { countOnly, defineList } from '../../../http/staff-list';

/** Locations (sedes): /gestion/sedes/. */
export const LOCATION_LIST = defineList({
  path: '/gestion/sedes/',
  exportName: 'sedes',
  sheet: 'Sedes',
  query: {
    sortable: LOCATION_SORTS,
    defaultSort: 'nombre' as const,
    defaultDir: 'asc' as const,
    filters: {},
  },
  criteria: (query) => ({ q: query.q }),
  totals: countOnly(countLocations),
  rows: listLocations,
  rowId: (l) => l.id,
  columns: [
    {
      label: 'Sede',
      sort: 'nombre',
      cell: (l) => <a href={`/gestion/sedes/${l.id}/editar/`}>{l.name}</a>,
      exportValue: (l) => l.name,
    },
    { label: 'Dirección', cell: (l) => l.address, exportValue: (l) => l.address },
    {
      label: 'Salas',
      showFrom: 700,
      cell: (l) => (l.rooms ? l.rooms.split('\n').join(', ') : '—'),
      exportValue: (l) => (l.rooms ? l.rooms.split('\n').join(', ') : ''),
    },
    { label: 'Talleres', num: true, cell: (l) => l.workshops ?? 0, exportValue: (l) => l.workshops ?? 0 },
    {
      label: 'Equipo limitado',
      num: true,
      showFrom: 700,
      cell: (l) => l.staff ?? 0,
      exportValue: (l) => l.staff ?? 0,
    },
  ],
});
