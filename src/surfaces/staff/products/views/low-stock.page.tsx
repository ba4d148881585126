import type { LowStockRow } from '../../../../domain/products';
import { formatClp } from '../../../../lib/money';
import { EmptyState } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = { ctx: PageContext; products: LowStockRow[] };

export function LowStockPage({ ctx, products }: Props) {
  return (
    <StaffLayout ctx={ctx} title="Productos con stock bajo">
      <h1>Productos con stock bajo</h1>
      <p>Kits cuyo stock en bodega está en su umbral de alerta o por debajo. Conviene reponerlos.</p>
      {products.length === 0 ? (
        <EmptyState>Todo en orden: ningún producto está bajo su umbral de stock.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Producto</th>
                <th scope="col">Stock</th>
                <th scope="col">Umbral</th>
                <th scope="col">Precio</th>
                <th scope="col">Estado</th>
                <th scope="col">Imagen</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr data-test={`low-stock-${p.id}`}>
                  <td>
                    <a href={`/productos/${p.id}/`}>{p.name}</a>
                  </td>
                  <td class={p.stock === 0 ? 'seats-none' : 'seats-low'}>{p.stock}</td>
                  <td>{p.lowStockThreshold}</td>
                  <td>{formatClp(p.priceClp)}</td>
                  <td>{p.isAvailable ? 'A la venta' : 'No disponible'}</td>
                  <td>
                    <a href={`/gestion/productos/${p.id}/imagen/`}>Cambiar imagen</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
