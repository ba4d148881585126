import type { Facilitator } from '../../../../domain/facilitators';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatRut } from '../../../../lib/rut';
import { CsrfField, Field, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { FACILITATOR_LIST } from '../facilitators.list';
import { type PayRulesProps, PayRulesSection } from './pay-rules.section';

const LIST = FACILITATOR_LIST.path;

export function FacilitatorsPage({
  ctx,
  query,
  page,
}: ListDataOf<typeof FACILITATOR_LIST> & { ctx: PageContext }) {
  return (
    <StaffLayout ctx={ctx} title="Facilitadores" crumbs={[['Gestión', '/gestion/'], ['Facilitadores']]}>
      <div class="section-head">
        <h1>Facilitadores</h1>
        <p>
          <a href={`${LIST}nuevo/`} class="button button-small">
            Nuevo facilitador
          </a>{' '}
          <a href="/gestion/honorarios/" class="button button-small button-secondary">
            Honorarios
          </a>
        </p>
      </div>
      <p class="meta">
        Quienes guían los talleres: su ficha se muestra en la página de cada taller que guían.
      </p>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre o RUT" />
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Facilitadores"
        empty="No hay facilitadores que coincidan con la búsqueda."
        rowId={FACILITATOR_LIST.rowId}
        columns={FACILITATOR_LIST.columns}
      />
    </StaffLayout>
  );
}

type FormProps = {
  ctx: PageContext;
  facilitator: Facilitator | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** An existing facilitator's pay rules, under the form. */
  payRules?: Omit<PayRulesProps, 'csrfToken'>;
};

/** New facilitator, or an existing one's page: the form, the photo, the login and (below) the pay rules. */
export function FacilitatorPage({ ctx, facilitator, values, errors, payRules }: FormProps) {
  const title = facilitator ? facilitator.name : 'Nuevo facilitador';
  const action = facilitator ? `${LIST}${facilitator.id}/` : `${LIST}nuevo/`;
  const v = (k: string) => values[k] ?? '';
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[['Gestión', '/gestion/'], ['Facilitadores', LIST], [title]]}
    >
      <h1>{title}</h1>
      <div class="two-col">
        <form method="post" action={action} class="panel" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="nombre" label="Nombre" value={v('nombre')} error={errors.nombre} required />
          <Field
            name="rut"
            label="RUT"
            value={v('rut')}
            error={errors.rut}
            required
            hint="Con dígito verificador, por ejemplo 12.345.678-5: la boleta de honorarios va a este RUT."
          />
          <Field
            name="correo"
            label="Correo"
            type="email"
            value={v('correo')}
            error={errors.correo}
            autocomplete="off"
          />
          <Field
            name="telefono"
            label="Teléfono"
            type="tel"
            value={v('telefono')}
            error={errors.telefono}
            inputmode="tel"
          />
          <TextAreaField
            name="bio"
            label="Presentación"
            value={v('bio')}
            error={errors.bio}
            rows={6}
            hint="Se muestra en la página de sus talleres. Separa los párrafos con una línea en blanco."
          />
          <button type="submit" class="button">
            Guardar
          </button>{' '}
          <a href={LIST}>Cancelar</a>
        </form>
        {facilitator && (
          <aside class="panel">
            <h2>Foto</h2>
            {facilitator.imagePath ? (
              <img
                class="media-preview"
                src={`/media/card/${facilitator.imagePath}`}
                alt={`Foto de ${facilitator.name}`}
              />
            ) : (
              <p class="empty">Aún no tiene foto.</p>
            )}
            <p>
              <a href={`/gestion/facilitadores/${facilitator.id}/imagen/`}>
                {facilitator.imagePath ? 'Cambiar la foto' : 'Subir una foto'}
              </a>
            </p>
            <h2>Acceso</h2>
            {facilitator.loginEmail ? (
              <p data-test="facilitator-login">
                Entra con <strong>{facilitator.loginEmail}</strong> y ve solo sus sesiones, inscritos y
                asistencia.
              </p>
            ) : (
              <form method="post" action={`${LIST}${facilitator.id}/invitar/`}>
                <CsrfField token={ctx.csrfToken} />
                <p class="meta">
                  {facilitator.email
                    ? `Le enviamos a ${facilitator.email} un enlace para crear su contraseña. Con su cuenta ve solo sus sesiones, inscritos y asistencia.`
                    : 'Escribe su correo y guarda para poder invitarlo.'}
                </p>
                <button type="submit" class="button button-secondary" disabled={!facilitator.email}>
                  Invitar a entrar
                </button>
              </form>
            )}
            <p class="meta">RUT {formatRut(facilitator.rut)}</p>
          </aside>
        )}
      </div>
      {payRules && <PayRulesSection {...payRules} csrfToken={ctx.csrfToken} />}
    </StaffLayout>
  );
}
