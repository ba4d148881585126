import { MODALITIES } from '../../../../db/schema';
import { MODALITY_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { WORKSHOP_LIST } from '../workshops.list';

const LIST = WORKSHOP_LIST.path;

type Props = ListDataOf<typeof WORKSHOP_LIST> & {
  ctx: PageContext;
  categories: { id: number; name: string }[];
  now: string;
};

export function WorkshopsPage({ ctx, query, page, categories, now }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Talleres" crumbs={[['Gestión', '/gestion/'], ['Talleres']]}>
      <div class="section-head">
        <h1>Talleres</h1>
        <p>
          <a href="/gestion/talleres/nuevo/" class="button button-small">
            Nuevo taller
          </a>{' '}
          <a href="/gestion/talleres/politica-asistencia/" class="button button-small button-secondary">
            Política de asistencia
          </a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre del taller">
        <div class="field">
          <label for="f-desde">Desde</label>
          <input id="f-desde" name="desde" type="date" value={f.desde ?? ''} />
        </div>
        <div class="field">
          <label for="f-hasta">Hasta</label>
          <input id="f-hasta" name="hasta" type="date" value={f.hasta ?? ''} />
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
        <SelectField
          name="modalidad"
          label="Modalidad"
          emptyLabel="Todas"
          options={MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
          value={f.modalidad}
        />
        <div class="field">
          <label for="f-activo">Estado</label>
          <select id="f-activo" name="activo">
            <option value="">Todos</option>
            <option value="si" selected={f.activo === 'si'}>
              Activos
            </option>
            <option value="no" selected={f.activo === 'no'}>
              Inactivos
            </option>
          </select>
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Talleres"
        empty="No hay talleres que coincidan con los filtros."
        rowId={WORKSHOP_LIST.rowId}
        columns={WORKSHOP_LIST.columns}
        view={{ now }}
      />
    </StaffLayout>
  );
}
