import type { ListDataOf } from '../../../../http/staff-list';
import { CsrfField, Field, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { LOCATION_LIST } from '../locations.list';

const LIST = LOCATION_LIST.path;

export function LocationsPage({ ctx, query, page }: ListDataOf<typeof LOCATION_LIST> & { ctx: PageContext }) {
  return (
    <StaffLayout ctx={ctx} title="Sedes" crumbs={[['Gestión', '/gestion/'], ['Sedes']]}>
      <div class="section-head">
        <h1>Sedes</h1>
        <p>
          <a href="/gestion/sedes/nueva/" class="button button-small">
            Nueva sede
          </a>
        </p>
      </div>
      <p class="meta">Dónde se hacen los talleres. Cada taller pertenece a una sede.</p>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre de la sede" />
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Sedes"
        empty="No hay sedes que coincidan con la búsqueda."
        rowId={LOCATION_LIST.rowId}
        columns={LOCATION_LIST.columns}
      />
    </StaffLayout>
  );
}

type StaffRow = { id: number; name: string; email: string; role: string; locationId: number | null };

type FormProps = {
  ctx: PageContext;
  location: { id: number; name: string } | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Admins only: staff members and whether each is limited to this location. */
  staff: StaffRow[] | null;
};

/** Create or edit a location; on edit, admins choose the staff limited to it. */
export function LocationFormPage({ ctx, location, values, errors, staff }: FormProps) {
  const title = location ? `Editar ${location.name}` : 'Nueva sede';
  const action = location ? `/gestion/sedes/${location.id}/editar/` : '/gestion/sedes/nueva/';
  return (
    <StaffLayout ctx={ctx} title={title} crumbs={[['Gestión', '/gestion/'], ['Sedes', LIST], [title]]}>
      <h1>{title}</h1>
      <form method="post" action={action} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="nombre" label="Nombre" value={values.nombre} error={errors.nombre} required />
        <Field
          name="direccion"
          label="Dirección"
          value={values.direccion}
          error={errors.direccion}
          required
        />
        <Field
          name="mapa"
          label="Enlace del mapa"
          type="url"
          value={values.mapa}
          error={errors.mapa}
          hint="Opcional: el enlace de Google Maps; sin él, se busca la dirección."
        />
        <TextAreaField
          name="salas"
          label="Salas"
          value={values.salas}
          error={errors.salas}
          rows={3}
          hint="Una sala por línea."
        />
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={LIST}>Cancelar</a>
      </form>
      {location && staff && (
        <form
          method="post"
          action={`/gestion/sedes/${location.id}/equipo/`}
          class="panel form-narrow section"
        >
          <CsrfField token={ctx.csrfToken} />
          <h2>Equipo limitado a esta sede</h2>
          <p class="meta">
            Quien quede marcado solo ve y gestiona los talleres de sus sedes. Quien no tiene ninguna sede
            marcada ve todas; los administradores siempre ven todas.
          </p>
          {staff.map((u) => (
            <div class="check-field">
              <input
                type="checkbox"
                id={`f-equipo-${u.id}`}
                name="equipo"
                value={String(u.id)}
                checked={u.locationId !== null}
              />
              <label for={`f-equipo-${u.id}`}>
                {u.name || u.email}{' '}
                <span class="meta">({u.role === 'admin' ? 'administración' : 'equipo'})</span>
              </label>
            </div>
          ))}
          <button type="submit" class="button">
            Guardar equipo
          </button>
        </form>
      )}
    </StaffLayout>
  );
}
