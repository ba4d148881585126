import { SALE_STATUSES } from '../../../../db/schema';
import { FULFILMENT_FILTERS } from '../../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkExportForm, DateRangeFields, ListTotals } from '../../lists/admin-lists.components';
import { FULFILMENT_FILTER_LABELS, SALE_LIST } from '../sales.list';

const LIST = SALE_LIST.path;
const BULK = 'bulk-ventas';

type Props = ListDataOf<typeof SALE_LIST> & { ctx: PageContext };

export function SalesPage({ ctx, query, page, totals, currentUrl }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Ventas" crumbs={[['Gestión', '/gestion/'], ['Ventas']]}>
      <div class="section-head">
        <h1>Ventas de productos</h1>
        <p>
          <a href="/gestion/ventas/?entrega=por_despachar">Por despachar</a> ·{' '}
          <a href="/gestion/ventas/?entrega=listo_para_retiro">Listos para retiro</a> ·{' '}
          <a href="/gestion/despachos/">Tarifas de despacho</a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, correo o N° de pedido">
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          options={SALE_STATUSES.map((s) => ({ value: s, label: SALE_STATUS_LABELS[s] }))}
          value={f.estado}
        />
        <SelectField
          name="entrega"
          label="Entrega"
          emptyLabel="Todas"
          options={FULFILMENT_FILTERS.map((v) => ({ value: v, label: FULFILMENT_FILTER_LABELS[v] }))}
          value={f.entrega}
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

      <BulkExportForm
        formId={BULK}
        listPath={LIST}
        csrfToken={ctx.csrfToken}
        currentUrl={currentUrl}
        label="Exportar los pedidos seleccionados"
      />

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
