import { countProducts, listProducts, PRODUCT_SORTS } from '../../../domain/products';
import { countOnly, defineList } from '../../../http/staff-list';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';

const LIST = '/gestion/productos/';

const lowStock = (p: { stock: number; lowStockThreshold: number }) => p.stock <= p.lowStockThreshold;

const PRODUCT_QUERY = {
  sortable: PRODUCT_SORTS,
  defaultSort: 'nombre' as const,
  defaultDir: 'asc' as const,
  filters: {
    disponible: filter.oneOf(['si', 'no'] as const),
    categoria: filter.id(),
    stock_bajo: filter.flag(),
    ids: filter.ids(500),
  },
};

/** Products (kits) in the back office: /gestion/productos/. */
export const PRODUCT_LIST = defineList({
  path: LIST,
  exportName: 'productos',
  sheet: 'Productos',
  query: PRODUCT_QUERY,
  criteria: (query) => {
    const f = query.filters;
    return {
      q: query.q,
      available: f.disponible === null ? null : f.disponible === 'si',
      categoryId: f.categoria,
      lowStock: f.stock_bajo,
      ids: f.ids,
    };
  },
  totals: countOnly(countProducts),
  rows: listProducts,
  rowId: (p) => p.id,
  columns: [
    { label: 'N°', exportValue: (p) => p.id },
    {
      label: 'Nombre',
      sort: 'nombre',
      cell: (p) => (
        <a href={`${LIST}${p.id}/editar/`} class="clip clip-wide" title={p.name} data-test="product-link">
          {p.name}
        </a>
      ),
      exportValue: (p) => p.name,
    },
    {
      label: 'Categoría',
      sort: 'categoria',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (p) => p.categoryName ?? '—',
      exportValue: (p) => p.categoryName,
    },
    {
      label: 'Precio',
      exportLabel: 'Precio (CLP)',
      sort: 'precio',
      num: true,
      cell: (p) => formatClp(p.priceClp),
      exportValue: (p) => p.priceClp,
    },
    {
      label: 'Stock',
      sort: 'stock',
      num: true,
      cellClass: 'nowrap',
      cell: (p) =>
        lowStock(p) ? (
          <>
            {p.stock} <span class="badge badge-PENDIENTE">Stock bajo</span>
          </>
        ) : (
          String(p.stock)
        ),
      exportValue: (p) => p.stock,
    },
    { label: 'Umbral stock bajo', exportValue: (p) => p.lowStockThreshold },
    { label: 'Stock bajo', exportValue: (p) => (lowStock(p) ? 'Sí' : 'No') },
    {
      label: 'Disponible',
      showFrom: 1080,
      cell: (p) => (p.isAvailable ? 'Sí' : <span class="badge badge-ANULADO">No</span>),
      exportValue: (p) => (p.isAvailable ? 'Sí' : 'No'),
    },
    {
      label: 'Vendidos',
      exportLabel: 'Unidades vendidas',
      sort: 'vendidos',
      num: true,
      cell: (p) => String(p.unitsSold),
      exportValue: (p) => Number(p.unitsSold),
    },
    {
      label: 'Acciones',
      cellClass: 'nowrap',
      cell: (p) => (
        <>
          <a href={`${LIST}${p.id}/editar/`}>Editar</a> · <a href={`${LIST}${p.id}/imagen/`}>Imagen</a> ·{' '}
          <a href={`${LIST}${p.id}/eliminar/`}>Eliminar</a>
        </>
      ),
    },
  ],
});
