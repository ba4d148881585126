import type { ProductListRow } from '../../../../domain/products';
import type { ListQuery } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, FormatSelect } from '../../lists/admin-lists.components';

const LIST = '/gestion/productos/';
const BULK = 'bulk-productos';

type Filters = {
  disponible: 'si' | 'no' | null;
  categoria: number | null;
  stock_bajo: boolean;
  ids: number[];
};

type Props = {
  ctx: PageContext;
  query: ListQuery<string, Filters>;
  products: Page<ProductListRow>;
  categories: { id: number; name: string }[];
  currentUrl: string;
};

export function ProductsAdminPage({ ctx, query, products, categories, currentUrl }: Props) {
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
        page={products}
        caption="Productos"
        bulkForm={BULK}
        empty="No hay productos que coincidan con los filtros."
        rowId={(p) => p.id}
        columns={[
          {
            label: 'Nombre',
            sort: 'nombre',
            cell: (p) => (
              <a href={`${LIST}${p.id}/editar/`} data-test="product-link">
                {p.name}
              </a>
            ),
          },
          { label: 'Categoría', sort: 'categoria', cell: (p) => p.categoryName ?? '—' },
          { label: 'Precio', sort: 'precio', num: true, cell: (p) => formatClp(p.priceClp) },
          {
            label: 'Stock',
            sort: 'stock',
            num: true,
            cell: (p) =>
              p.stock <= p.lowStockThreshold ? (
                <>
                  {p.stock} <span class="badge badge-PENDIENTE">Stock bajo</span>
                </>
              ) : (
                String(p.stock)
              ),
          },
          {
            label: 'Disponible',
            cell: (p) => (p.isAvailable ? 'Sí' : <span class="badge badge-ANULADO">No</span>),
          },
          { label: 'Vendidos', sort: 'vendidos', num: true, cell: (p) => String(p.unitsSold) },
          {
            label: 'Acciones',
            cell: (p) => (
              <>
                <a href={`${LIST}${p.id}/editar/`}>Editar</a> · <a href={`${LIST}${p.id}/imagen/`}>Imagen</a>{' '}
                · <a href={`${LIST}${p.id}/eliminar/`}>Eliminar</a>
              </>
            ),
          },
        ]}
      />
    </StaffLayout>
  );
}
