import { countInterests, INTEREST_SORTS, INTEREST_USES, listInterests } from '../../../domain/customers';
import { countOnly, defineList } from '../../../http/staff-list';
import { filter } from '../../../lib/list-query';

const INTEREST_QUERY = {
  sortable: INTEREST_SORTS,
  defaultSort: 'nombre' as const,
  defaultDir: 'asc' as const,
  filters: { uso: filter.oneOf(INTEREST_USES) },
};

/** Interests (segmentation tags and workshop categories): /gestion/intereses/. */
export const INTEREST_LIST = defineList({
  path: '/gestion/intereses/',
  exportName: 'intereses',
  sheet: 'Intereses',
  query: INTEREST_QUERY,
  criteria: (query) => ({ q: query.q, use: query.filters.uso }),
  totals: countOnly(countInterests),
  rows: listInterests,
  rowId: (i) => i.id,
  columns: [
    {
      label: 'Nombre',
      sort: 'nombre',
      cell: (i) => <a href={`/gestion/intereses/${i.id}/editar/`}>{i.name}</a>,
      exportValue: (i) => i.name,
    },
    {
      label: 'Descripción',
      showFrom: 700,
      cell: (i) => i.description ?? '—',
      exportValue: (i) => i.description,
    },
    {
      label: 'Clientes',
      sort: 'clientes',
      num: true,
      cell: (i) => <a href={`/gestion/clientes/?interes=${i.id}`}>{i.customers ?? 0}</a>,
      exportValue: (i) => i.customers ?? 0,
    },
    {
      label: 'Talleres',
      sort: 'talleres',
      num: true,
      cell: (i) => i.workshops ?? 0,
      exportValue: (i) => i.workshops ?? 0,
    },
    {
      label: 'Acciones',
      cellClass: 'nowrap',
      cell: (i) => (
        <>
          <a href={`/gestion/intereses/${i.id}/editar/`}>Editar</a> ·{' '}
          <a href={`/gestion/intereses/${i.id}/eliminar/`}>Eliminar</a>
        </>
      ),
    },
  ],
});
