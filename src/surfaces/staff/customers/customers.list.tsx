import { CUSTOMER_TYPES, LIFECYCLE_STAGES } from '../../../db/schema';
import {
  amountsOwedBy,
  CUSTOMER_SORTS,
  countCustomers,
  interestNamesFor,
  listCustomers,
} from '../../../domain/customers';
import { CUSTOMER_TYPE_LABELS, LIFECYCLE_LABELS } from '../../../domain/vocabulary';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { formatRut } from '../../../lib/rut';

const CUSTOMER_QUERY = {
  sortable: CUSTOMER_SORTS,
  defaultSort: 'registro' as const,
  defaultDir: 'desc' as const,
  filters: {
    tipo: filter.oneOf(CUSTOMER_TYPES),
    empresa: filter.id(),
    interes: filter.ids(),
    comuna: filter.text(100),
    etapa: filter.oneOf(LIFECYCLE_STAGES),
    deuda: filter.flag(),
    ids: filter.ids(200),
  },
};

/** Customers: /gestion/clientes/. Each row also carries its interests and what it owes. */
export const CUSTOMER_LIST = defineList({
  path: '/gestion/clientes/',
  exportName: 'clientes',
  sheet: 'Clientes',
  query: CUSTOMER_QUERY,
  criteria: (query) => {
    const f = query.filters;
    return {
      q: query.q,
      type: f.tipo,
      companyId: f.empresa,
      interestIds: f.interes,
      comuna: f.comuna,
      stage: f.etapa,
      hasDebt: f.deuda,
      ids: f.ids,
    };
  },
  totals: countOnly(countCustomers),
  rows: async (db, criteria, order, window) => {
    const rows = await listCustomers(db, criteria, order, window);
    const ids = rows.map((r) => r.id);
    const [interests, owed] = await Promise.all([interestNamesFor(db, ids), amountsOwedBy(db, ids)]);
    return rows.map((r) => ({ ...r, interests: interests.get(r.id) ?? [], owed: owed.get(r.id) ?? 0 }));
  },
  rowId: (c) => c.id,
  columns: [
    {
      label: 'Nombre',
      sort: 'nombre',
      cell: (c) => (
        <a href={`/gestion/clientes/${c.id}/`} class="clip" title={c.fullName} data-test="customer-link">
          {c.fullName}
        </a>
      ),
      exportValue: (c) => c.fullName,
    },
    {
      label: 'Correo',
      sort: 'email',
      cell: (c) => (
        <span class="clip" title={c.email}>
          {c.email}
        </span>
      ),
      exportValue: (c) => c.email,
    },
    {
      label: 'Teléfono',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (c) => c.phone ?? '—',
      exportValue: (c) => c.phone,
    },
    { label: 'RUT', exportValue: (c) => (c.rut ? formatRut(c.rut) : null) },
    {
      label: 'Tipo',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (c) => CUSTOMER_TYPE_LABELS[c.customerType],
      exportValue: (c) => CUSTOMER_TYPE_LABELS[c.customerType],
    },
    {
      label: 'Empresa',
      sort: 'empresa',
      showFrom: 1080,
      cell: (c) =>
        c.companyId ? (
          <a href={`/gestion/empresas/${c.companyId}/`} class="clip" title={c.companyName ?? undefined}>
            {c.companyName}
          </a>
        ) : (
          '—'
        ),
      exportValue: (c) => c.companyName,
    },
    {
      label: 'Comuna',
      sort: 'comuna',
      showFrom: 1300,
      cellClass: 'nowrap',
      cell: (c) => c.comuna ?? '—',
      exportValue: (c) => c.comuna,
    },
    {
      label: 'Etapa',
      sort: 'etapa',
      showFrom: 700,
      cell: (c) => <span class={`chip stage-${c.lifecycleStage}`}>{LIFECYCLE_LABELS[c.lifecycleStage]}</span>,
      exportValue: (c) => LIFECYCLE_LABELS[c.lifecycleStage],
    },
    {
      label: 'Intereses',
      showFrom: 1300,
      cell: (c) =>
        c.interests.length === 0 ? (
          <span class="meta">—</span>
        ) : (
          <span class="clip" title={c.interests.join(', ')}>
            {c.interests.join(', ')}
          </span>
        ),
      exportValue: (c) => c.interests.join(', '),
    },
    {
      label: 'Debe',
      exportLabel: 'Debe (CLP)',
      num: true,
      cellClass: 'nowrap',
      cell: (c) => (c.owed > 0 ? formatClp(c.owed) : '—'),
      exportValue: (c) => c.owed,
    },
    {
      label: 'Registro',
      exportLabel: 'Registrado',
      sort: 'registro',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (c) => formatDateShort(c.createdAt),
      exportValue: (c) => formatDateShort(c.createdAt),
    },
  ],
});
