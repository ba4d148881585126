import type { InterestRecord } from '../../../../domain/customers';
import { plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { CsrfField, Field, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { INTEREST_LIST } from '../interests.list';

const LIST = INTEREST_LIST.path;
const USE_LABELS = { clientes: 'Con clientes', talleres: 'Con talleres', sin_uso: 'Sin uso' } as const;

export function InterestsPage({ ctx, query, page }: ListDataOf<typeof INTEREST_LIST> & { ctx: PageContext }) {
  return (
    <StaffLayout ctx={ctx} title="Intereses" crumbs={[['Gestión', '/gestion/'], ['Intereses']]}>
      <div class="section-head">
        <h1>Intereses</h1>
        <p>
          <a href="/gestion/intereses/nuevo/" class="button button-small">
            Nuevo interés
          </a>
        </p>
      </div>
      <p class="meta">Sirven para segmentar clientes y como categoría de talleres y kits.</p>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre del interés">
        <div class="field">
          <label for="f-uso">Uso</label>
          <select id="f-uso" name="uso">
            <option value="">Todos</option>
            {Object.entries(USE_LABELS).map(([value, label]) => (
              <option value={value} selected={query.filters.uso === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Intereses"
        empty="No hay intereses que coincidan con la búsqueda."
        rowId={INTEREST_LIST.rowId}
        columns={INTEREST_LIST.columns}
      />
    </StaffLayout>
  );
}

export function InterestFormPage({
  ctx,
  interest,
  values,
  errors,
}: {
  ctx: PageContext;
  interest: InterestRecord | null;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const title = interest ? `Editar ${interest.name}` : 'Nuevo interés';
  const action = interest ? `/gestion/intereses/${interest.id}/editar/` : '/gestion/intereses/nuevo/';
  return (
    <StaffLayout ctx={ctx} title={title} crumbs={[['Gestión', '/gestion/'], ['Intereses', LIST], [title]]}>
      <h1>{title}</h1>
      <form method="post" action={action} class="panel form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="nombre" label="Nombre" value={values.nombre} error={errors.nombre} required />
        <TextAreaField
          name="descripcion"
          label="Descripción"
          value={values.descripcion}
          error={errors.descripcion}
        />
        <button type="submit" class="button">
          Guardar
        </button>{' '}
        <a href={LIST}>Cancelar</a>
      </form>
    </StaffLayout>
  );
}

export function InterestDeletePage({
  ctx,
  interest,
  usage,
}: {
  ctx: PageContext;
  interest: InterestRecord;
  usage: { customers: number; workshops: number; products: number };
}) {
  return (
    <StaffLayout
      ctx={ctx}
      title={`Eliminar ${interest.name}`}
      crumbs={[['Gestión', '/gestion/'], ['Intereses', LIST], ['Eliminar']]}
    >
      <h1>¿Eliminar el interés {interest.name}?</h1>
      <div class="panel">
        <ul data-test="delete-effects">
          <li>
            {usage.workshops === 0
              ? 'Ningún taller usa esta categoría.'
              : `${plural(usage.workshops, 'taller quedará', 'talleres quedarán')} sin categoría.`}
          </li>
          {usage.products > 0 && (
            <li>{`${plural(usage.products, 'kit quedará', 'kits quedarán')} sin categoría.`}</li>
          )}
          <li>
            {usage.customers === 0
              ? 'Ningún cliente tiene este interés.'
              : `Se quitará de ${plural(usage.customers, 'cliente', 'clientes')}.`}
          </li>
        </ul>
        <form method="post" action={`/gestion/intereses/${interest.id}/eliminar/`}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-danger">
            Sí, eliminar
          </button>{' '}
          <a href={LIST}>Cancelar</a>
        </form>
      </div>
    </StaffLayout>
  );
}
