import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = { ctx: PageContext; product: { id: number; name: string; isAvailable: boolean }; sold: boolean };

/** The confirmation before deleting a product; it says up front when the product will only be deactivated. */
export function ProductDeletePage({ ctx, product, sold }: Props) {
  return (
    <StaffLayout
      ctx={ctx}
      title={`Eliminar ${product.name}`}
      crumbs={[['Gestión', '/gestion/'], ['Productos', '/gestion/productos/'], [product.name]]}
    >
      <h1>¿Eliminar "{product.name}"?</h1>
      <form method="post" action={`/gestion/productos/${product.id}/eliminar/`} class="panel form-narrow">
        <CsrfField token={ctx.csrfToken} />
        {sold ? (
          <p data-test="delete-deactivates">
            Este producto aparece en ventas, así que no se puede eliminar sin perder ese historial. Al
            confirmar quedará <strong>desactivado</strong>: deja de mostrarse en la tienda y sus ventas se
            conservan.
            {!product.isAvailable && ' (Ya está desactivado.)'}
          </p>
        ) : (
          <p>
            Se eliminará para siempre, y saldrá de los carritos que lo tengan. Esta acción no se puede
            deshacer.
          </p>
        )}
        <p>
          <button type="submit" class="button button-danger">
            {sold ? 'Sí, desactivar' : 'Sí, eliminar'}
          </button>{' '}
          <a href="/gestion/productos/" class="button button-secondary">
            Cancelar
          </a>
        </p>
      </form>
    </StaffLayout>
  );
}
