import { CsrfField, Field, SelectField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';

type Props = {
  ctx: PageContext;
  product: { id: number; name: string; imagePath: string | null } | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  categories: { id: number; name: string }[];
  /** The product's history; none while it is being created. */
  audit: AuditTrailData | null;
};

export function ProductFormPage({ ctx, product, values, errors, categories, audit }: Props) {
  const title = product ? `Editar ${product.name}` : 'Nuevo producto';
  const action = product ? `/gestion/productos/${product.id}/editar/` : '/gestion/productos/nuevo/';
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Productos', '/gestion/productos/'],
        [product ? product.name : 'Nuevo'],
      ]}
    >
      <h1>{title}</h1>
      <form method="post" action={action} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <Field name="nombre" label="Nombre" value={values.nombre} error={errors.nombre} required />
        <TextAreaField
          name="descripcion"
          label="Descripción"
          value={values.descripcion}
          error={errors.descripcion}
        />
        <SelectField
          name="categoria"
          label="Categoría"
          value={values.categoria}
          error={errors.categoria}
          emptyLabel="Sin categoría"
          options={categories.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <Field
          name="precio"
          label="Precio (CLP)"
          inputmode="numeric"
          value={values.precio}
          error={errors.precio}
          required
          hint="Pesos enteros, por ejemplo 15.000."
        />
        <Field
          name="stock"
          label="Stock en bodega"
          type="number"
          min={0}
          value={values.stock}
          error={errors.stock}
          required
          hint="Las unidades que hay ahora; las ventas lo descuentan solas."
        />
        <Field
          name="umbral"
          label="Avisar stock bajo desde"
          type="number"
          min={0}
          value={values.umbral}
          error={errors.umbral}
          required
          hint="Con este stock o menos, el producto aparece en Stock bajo y en el panel."
        />
        <div class="field field-check">
          <label>
            <input type="checkbox" name="disponible" value="1" checked={values.disponible === '1'} />{' '}
            Disponible en la tienda
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {product ? 'Guardar cambios' : 'Crear producto'}
          </button>{' '}
          <a href="/gestion/productos/" class="button button-secondary">
            Cancelar
          </a>
        </p>
      </form>
      {product && (
        <>
          <p>
            <a href={`/gestion/productos/${product.id}/imagen/`}>
              {product.imagePath ? 'Cambiar la imagen' : 'Subir una imagen'}
            </a>{' '}
            · <a href={`/productos/${product.id}/`}>Ver en la tienda</a> ·{' '}
            <a href={`/gestion/productos/${product.id}/eliminar/`}>Eliminar</a>
          </p>
          {audit && (
            <AuditTrail trail={audit} listHref={`/gestion/auditoria/?entidad=product&q=${product.id}`} />
          )}
        </>
      )}
    </StaffLayout>
  );
}
