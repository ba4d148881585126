import { COMPANY_SORTS, countCompanies, listCompanies } from '../../../domain/customers';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatRut } from '../../../lib/rut';

const COMPANY_QUERY = {
  sortable: COMPANY_SORTS,
  defaultSort: 'nombre' as const,
  defaultDir: 'asc' as const,
  filters: { contactos: filter.oneOf(['con', 'sin'] as const) },
};

/** Companies (B2B): /gestion/empresas/. */
export const COMPANY_LIST = defineList({
  path: '/gestion/empresas/',
  exportName: 'empresas',
  sheet: 'Empresas',
  query: COMPANY_QUERY,
  criteria: (query) => ({ q: query.q, contacts: query.filters.contactos }),
  totals: countOnly(countCompanies),
  rows: listCompanies,
  rowId: (c) => c.id,
  columns: [
    {
      label: 'Razón social',
      sort: 'nombre',
      cell: (c) => (
        <a href={`/gestion/empresas/${c.id}/`} class="clip clip-wide" title={c.legalName}>
          {c.legalName}
        </a>
      ),
      exportValue: (c) => c.legalName,
    },
    {
      label: 'RUT',
      sort: 'rut',
      cellClass: 'nowrap',
      cell: (c) => (c.rut ? formatRut(c.rut) : '—'),
      exportValue: (c) => (c.rut ? formatRut(c.rut) : null),
    },
    { label: 'Dirección', exportValue: (c) => c.address },
    { label: 'Teléfono', cell: (c) => c.phone ?? '—', exportValue: (c) => c.phone },
    {
      label: 'Contactos',
      sort: 'contactos',
      num: true,
      cell: (c) => c.contacts ?? 0,
      exportValue: (c) => c.contacts ?? 0,
    },
    {
      label: 'Registrada',
      sort: 'registro',
      cell: (c) => formatDateShort(c.createdAt),
      exportValue: (c) => formatDateShort(c.createdAt),
    },
  ],
});
