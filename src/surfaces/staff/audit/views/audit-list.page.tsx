import { entityLabel } from '../../../../domain/audit';
import type { ListDataOf } from '../../../../http/staff-list';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { AUDIT_LIST } from '../audit.list';

const LIST = AUDIT_LIST.path;

type Props = ListDataOf<typeof AUDIT_LIST> & {
  ctx: PageContext;
  options: { entityTypes: string[]; actors: { id: number; name: string; email: string }[] };
};

export function AuditListPage({ ctx, query, page, options }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Auditoría" crumbs={[['Gestión', '/gestion/'], ['Auditoría']]}>
      <h1>Registro de auditoría</h1>
      <p class="meta">Quién creó, modificó o eliminó qué, y cuándo (con los valores antes y después).</p>
      <ListFilters basePath={LIST} query={query} placeholder="Texto, correo o número de registro">
        <div class="field">
          <label for="f-entidad">Registro</label>
          <select id="f-entidad" name="entidad">
            <option value="">Todos</option>
            {options.entityTypes.map((t) => (
              <option value={t} selected={f.entidad === t}>
                {entityLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-actor">Quién</label>
          <select id="f-actor" name="actor">
            <option value="">Todos</option>
            {options.actors.map((a) => (
              <option value={String(a.id)} selected={f.actor === a.id}>
                {a.name || a.email}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-desde">Desde</label>
          <input id="f-desde" name="desde" type="date" value={f.desde ?? ''} />
        </div>
        <div class="field">
          <label for="f-hasta">Hasta</label>
          <input id="f-hasta" name="hasta" type="date" value={f.hasta ?? ''} />
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Registro de auditoría"
        empty="No hay cambios registrados con estos filtros."
        rowId={AUDIT_LIST.rowId}
        columns={AUDIT_LIST.columns}
      />
    </StaffLayout>
  );
}
