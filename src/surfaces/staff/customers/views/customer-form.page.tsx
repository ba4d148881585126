import { CUSTOMER_TYPES } from '../../../../db/schema';
import { CUSTOMER_TYPE_LABELS } from '../../../../domain/vocabulary';
import { CsrfField, Field, SelectField, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  customer: { id: number; fullName: string } | null;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  options: { companies: { id: number; legalName: string }[]; interests: { id: number; name: string }[] };
};

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

export function CustomerFormPage({ ctx, customer, values, errors, options }: Props) {
  const title = customer ? `Editar ${customer.fullName}` : 'Nuevo cliente';
  const action = customer ? `/gestion/clientes/${customer.id}/editar/` : '/gestion/clientes/nuevo/';
  const checked = new Set(Array.isArray(values.intereses) ? values.intereses : []);
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Clientes', '/gestion/clientes/'],
        ...(customer
          ? ([[customer.fullName, `/gestion/clientes/${customer.id}/`]] as [string, string][])
          : []),
        [customer ? 'Editar' : 'Nuevo'],
      ]}
    >
      <h1>{title}</h1>
      <form method="post" action={action} class="panel customer-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {Object.keys(errors).length > 0 && (
          <p class="flash flash-error" role="alert">
            Revisa los campos marcados.
          </p>
        )}
        <fieldset>
          <legend>Contacto</legend>
          <Field
            name="nombre"
            label="Nombre completo"
            value={str(values.nombre)}
            error={errors.nombre}
            required
          />
          <Field
            name="email"
            label="Correo"
            type="email"
            value={str(values.email)}
            error={errors.email}
            required
          />
          <Field
            name="telefono"
            label="Teléfono"
            type="tel"
            value={str(values.telefono)}
            error={errors.telefono}
          />
          <Field
            name="rut"
            label="RUT"
            value={str(values.rut)}
            error={errors.rut}
            hint="Opcional. Por ejemplo 12.345.678-5."
          />
          <Field
            name="fecha_nacimiento"
            label="Fecha de nacimiento"
            type="date"
            value={str(values.fecha_nacimiento)}
            error={errors.fecha_nacimiento}
          />
          <Field name="comuna" label="Comuna" value={str(values.comuna)} error={errors.comuna} />
        </fieldset>
        <fieldset>
          <legend>Segmentación</legend>
          <SelectField
            name="tipo"
            label="Tipo de cliente"
            value={str(values.tipo)}
            error={errors.tipo}
            options={CUSTOMER_TYPES.map((t) => ({ value: t, label: CUSTOMER_TYPE_LABELS[t] }))}
            required
          />
          <SelectField
            name="empresa"
            label="Empresa"
            value={str(values.empresa)}
            error={errors.empresa}
            emptyLabel="Sin empresa"
            options={options.companies.map((c) => ({ value: String(c.id), label: c.legalName }))}
          />
          <fieldset class={`field chips-field${errors.intereses ? ' field-invalid' : ''}`}>
            <legend>Intereses</legend>
            {options.interests.length === 0 && <p class="meta">Aún no hay intereses creados.</p>}
            {options.interests.map((i) => (
              <label class="chip-check">
                <input
                  type="checkbox"
                  name="intereses"
                  value={String(i.id)}
                  checked={checked.has(String(i.id))}
                />{' '}
                {i.name}
              </label>
            ))}
            {errors.intereses && <small class="error">{errors.intereses}</small>}
          </fieldset>
          <TextAreaField
            name="observaciones"
            label="Observaciones de gestión"
            value={str(values.observaciones)}
            error={errors.observaciones}
          />
        </fieldset>
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={customer ? `/gestion/clientes/${customer.id}/` : '/gestion/clientes/'}>Cancelar</a>
      </form>
    </StaffLayout>
  );
}
