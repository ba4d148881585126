import { DISCOUNT_KINDS, DISCOUNT_SCOPES } from '../../../../db/schema';
import { DISCOUNT_KIND_LABELS, DISCOUNT_SCOPE_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateShort } from '../../../../lib/dates';
import { CsrfField, Field, SelectField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';
import { CODES_PATH } from '../discount-codes.list';

type Props = {
  ctx: PageContext;
  code: { id: number; code: string; usesCount: number; isActive: boolean } | null;
  values: Record<string, string>;
  /** Ids ticked in the workshop and category lists (a form may send several). */
  chosen: { talleres: number[]; categorias: number[] };
  errors: Record<string, string>;
  workshops: { id: number; name: string; startsAt: string }[];
  categories: { id: number; name: string }[];
  audit: AuditTrailData | null;
};

/** Create or edit a discount code; the workshops and categories lists apply to their scopes. */
export function DiscountCodeFormPage({
  ctx,
  code,
  values,
  chosen,
  errors,
  workshops,
  categories,
  audit,
}: Props) {
  const title = code ? `Código ${code.code}` : 'Nuevo código de descuento';
  const action = code ? `${CODES_PATH}${code.id}/editar/` : `${CODES_PATH}nuevo/`;
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[['Gestión', '/gestion/'], ['Códigos de descuento', CODES_PATH], [code ? code.code : 'Nuevo']]}
    >
      <h1>{title}</h1>
      {code && (
        <p class="meta" data-test="code-uses">
          {plural(code.usesCount, 'uso vigente', 'usos vigentes')}. Cambiar los límites no quita usos ya
          hechos.
        </p>
      )}
      <form method="post" action={action} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <Field
          name="codigo"
          label="Código"
          value={values.codigo}
          error={errors.codigo}
          required
          hint="Lo que escribe el cliente; mayúsculas y minúsculas dan lo mismo. Por ejemplo VERANO-10."
        />
        <TextAreaField
          name="descripcion"
          label="Descripción (interna)"
          value={values.descripcion}
          error={errors.descripcion}
        />
        <SelectField
          name="tipo"
          label="Tipo de descuento"
          value={values.tipo}
          error={errors.tipo}
          options={DISCOUNT_KINDS.map((k) => ({ value: k, label: DISCOUNT_KIND_LABELS[k] }))}
        />
        <Field
          name="valor"
          label="Descuento"
          inputmode="numeric"
          value={values.valor}
          error={errors.valor}
          required
          hint="Un porcentaje (1 a 100) o un monto en pesos, según el tipo."
        />
        <Field
          name="valido_desde"
          label="Válido desde"
          type="date"
          value={values.valido_desde}
          error={errors.valido_desde}
          hint="Fecha de Santiago; en blanco, desde ya."
        />
        <Field
          name="valido_hasta"
          label="Válido hasta (inclusive)"
          type="date"
          value={values.valido_hasta}
          error={errors.valido_hasta}
          hint="En blanco, sin vencimiento."
        />
        <Field
          name="usos_max"
          label="Usos en total"
          inputmode="numeric"
          value={values.usos_max}
          error={errors.usos_max}
          hint="En blanco, sin límite."
        />
        <Field
          name="usos_por_cliente"
          label="Usos por cliente"
          inputmode="numeric"
          value={values.usos_por_cliente}
          error={errors.usos_por_cliente}
          hint="En blanco, sin límite."
        />
        <Field
          name="minimo"
          label="Compra mínima (CLP)"
          inputmode="numeric"
          value={values.minimo}
          error={errors.minimo}
          hint="De lo que cubre el código, sin despacho. En blanco, sin mínimo."
        />
        <SelectField
          name="alcance"
          label="Se aplica a"
          value={values.alcance}
          error={errors.alcance}
          options={DISCOUNT_SCOPES.map((s) => ({ value: s, label: DISCOUNT_SCOPE_LABELS[s] }))}
        />
        <fieldset class="field code-items">
          <legend>Talleres elegidos (si se aplica a talleres elegidos)</legend>
          <div class="code-items-list">
            {workshops.map((w) => (
              <label>
                <input
                  type="checkbox"
                  name="talleres"
                  value={String(w.id)}
                  checked={chosen.talleres.includes(w.id)}
                />{' '}
                {w.name} <span class="meta">({formatDateShort(w.startsAt)})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="field code-items">
          <legend>Categorías elegidas (si se aplica a categorías elegidas)</legend>
          <div class="code-items-list">
            {categories.map((c) => (
              <label>
                <input
                  type="checkbox"
                  name="categorias"
                  value={String(c.id)}
                  checked={chosen.categorias.includes(c.id)}
                />{' '}
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="activo" value="1" checked={values.activo === '1'} /> Activo
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {code ? 'Guardar cambios' : 'Crear código'}
          </button>{' '}
          <a href={CODES_PATH} class="button button-secondary">
            Cancelar
          </a>
        </p>
      </form>
      {code && (
        <>
          <form method="post" action={`${CODES_PATH}${code.id}/activo/`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="activo" value={code.isActive ? '' : '1'} />
            <button type="submit" class="button button-secondary" data-test="toggle-code">
              {code.isActive ? 'Desactivar código' : 'Activar código'}
            </button>
          </form>
          {audit && (
            <AuditTrail trail={audit} listHref={`/gestion/auditoria/?entidad=discount_code&q=${code.id}`} />
          )}
        </>
      )}
    </StaffLayout>
  );
}
