import type { ListDataOf } from '../../../../http/staff-list';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, FormatSelect } from '../../lists/admin-lists.components';
import { PRODUCT_LIST } from '../products.list';

const LIST = PRODUCT_LIST.path;
const BULK = 'bulk-productos';

type Props = ListDataOf<typeof PRODUCT_LIST> & {
  ctx: PageContext;
  categories: { id: number; name: string }[];
};

export function ProductsAdminPage({ ctx, query, page, categories, currentUrl }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Productos" crumbs={[['Gestión', '/gestion/'], ['Productos']]}>
      <div class="section-head">
        <h1>Productos</h1>
        <p>
          <a href={`${LIST}nuevo/`} class="button button-small">
            Nuevo producto
          </a>{' '}
          <a href={`${LIST}stock-bajo/`} class="button button-small button-secondary">
            Stock bajo
          </a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre del producto">
        <div class="field">
          <label for="f-disponible">Disponible</label>
          <select id="f-disponible" name="disponible">
            <option value="">Todos</option>
            <option value="si" selected={f.disponible === 'si'}>
              Disponibles
            </option>
            <option value="no" selected={f.disponible === 'no'}>
              No disponibles
            </option>
          </select>
        </div>
        <div class="field">
          <label for="f-categoria">Categoría</label>
          <select id="f-categoria" name="categoria">
            <option value="">Todas</option>
            {categories.map((c) => (
              <option value={String(c.id)} selected={f.categoria === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="stock_bajo" value="1" checked={f.stock_bajo} /> Solo stock bajo
          </label>
        </div>
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <form id={BULK} method="post" action={`${LIST}acciones/`} class="panel bulk-panel" data-bulk>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="volver" value={currentUrl} />
        <div class="bulk-row">
          <div class="field">
            <label for="f-accion">Acción con los seleccionados</label>
            <select id="f-accion" name="accion" data-bulk-action>
              <option value="desactivar">Desactivar (ocultar de la tienda)</option>
              <option value="activar">Activar</option>
              <option value="exportar">Exportar seleccionados</option>
            </select>
          </div>
          <FormatSelect />
        </div>
        <BulkSubmit formId={BULK} />
      </form>

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Productos"
        bulkForm={BULK}
        empty="No hay productos que coincidan con los filtros."
        rowId={PRODUCT_LIST.rowId}
        columns={PRODUCT_LIST.columns}
      />
    </StaffLayout>
  );
}
