import { SALE_STATUSES } from '../../../../db/schema';
import { SALE_STATUS_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, DateRangeFields, FormatSelect, ListTotals } from '../../lists/admin-lists.components';
import { SALE_LIST } from '../sales.list';

const LIST = SALE_LIST.path;
const BULK = 'bulk-ventas';

type Props = ListDataOf<typeof SALE_LIST> & { ctx: PageContext };

export function SalesPage({ ctx, query, page, totals, currentUrl }: Props) {
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
        page={page}
        caption="Ventas"
        bulkForm={BULK}
        empty="No hay pedidos que coincidan con los filtros."
        rowId={SALE_LIST.rowId}
        columns={SALE_LIST.columns}
      />
    </StaffLayout>
  );
}
