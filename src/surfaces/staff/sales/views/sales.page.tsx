import { SALE_STATUSES, type SaleStatus } from '../../../../db/schema';
import type { SaleListRow } from '../../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { ListQuery } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, DateRangeFields, FormatSelect, ListTotals } from '../../lists/admin-lists.components';

const LIST = '/gestion/ventas/';
const BULK = 'bulk-ventas';

type Filters = { estado: SaleStatus | null; desde: string | null; hasta: string | null; ids: number[] };

type Props = {
  ctx: PageContext;
  query: ListQuery<string, Filters>;
  sales: Page<SaleListRow>;
  totals: { paid: number; pending: number };
  currentUrl: string;
};

export function SalesPage({ ctx, query, sales, totals, currentUrl }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Ventas" crumbs={[['Gestión', '/gestion/'], ['Ventas']]}>
      <div class="section-head">
        <h1>Ventas de productos</h1>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, correo o N° de pedido">
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          options={SALE_STATUSES.map((s) => ({ value: s, label: SALE_STATUS_LABELS[s] }))}
          value={f.estado}
        />
        <DateRangeFields from={f.desde} to={f.hasta} />
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <ListTotals
        items={[
          ['Pagado', totals.paid],
          ['Pendiente de pago', totals.pending],
        ]}
      />

      <form id={BULK} method="post" action={`${LIST}acciones/`} class="panel bulk-panel" data-bulk>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="volver" value={currentUrl} />
        <input type="hidden" name="accion" value="exportar" />
        <div class="bulk-row">
          <p class="meta">Exportar los pedidos seleccionados</p>
          <FormatSelect />
        </div>
        <BulkSubmit formId={BULK} />
      </form>

      <DataTable
        basePath={LIST}
        query={query}
        page={sales}
        caption="Ventas"
        bulkForm={BULK}
        empty="No hay pedidos que coincidan con los filtros."
        rowId={(s) => s.id}
        columns={[
          {
            label: 'Pedido',
            sort: 'numero',
            cell: (s) => (
              <a href={`${LIST}${s.id}/`} data-test="sale-link">
                N° {s.id}
              </a>
            ),
          },
          {
            label: 'Cliente',
            sort: 'cliente',
            cell: (s) => <a href={`/gestion/clientes/${s.customerId}/`}>{s.customerName}</a>,
          },
          { label: 'Fecha', sort: 'fecha', cell: (s) => formatDateTimeShort(s.createdAt) },
          { label: 'Líneas', num: true, cell: (s) => `${s.lineCount} (${s.units} u.)` },
          { label: 'Total', sort: 'total', num: true, cell: (s) => formatClp(s.totalClp) },
          {
            label: 'Estado',
            sort: 'estado',
            cell: (s) => <span class={`badge badge-${s.status}`}>{SALE_STATUS_LABELS[s.status]}</span>,
          },
        ]}
      />
    </StaffLayout>
  );
}
