import type { AuditRow } from '../../../../domain/audit';
import { entityHref, entityLabel } from '../../../../domain/audit';
import { AUDIT_ACTION_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { ListQuery } from '../../../../lib/list-query';
import type { Page } from '../../../../lib/pagination';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { AuditChanges, actorName } from './audit-changes';

type Props = {
  ctx: PageContext;
  query: ListQuery<
    string,
    { entidad: string | null; actor: number | null; desde: string | null; hasta: string | null }
  >;
  entries: Page<AuditRow>;
  options: { entityTypes: string[]; actors: { id: number; name: string; email: string }[] };
};

export function AuditListPage({ ctx, query, entries, options }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Auditoría" crumbs={[['Gestión', '/gestion/'], ['Auditoría']]}>
      <h1>Registro de auditoría</h1>
      <p class="meta">Quién creó, modificó o eliminó qué, y cuándo (con los valores antes y después).</p>
      <ListFilters
        basePath="/gestion/auditoria/"
        query={query}
        placeholder="Texto, correo o número de registro"
      >
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
        basePath="/gestion/auditoria/"
        query={query}
        page={entries}
        caption="Registro de auditoría"
        empty="No hay cambios registrados con estos filtros."
        rowId={(r) => r.id}
        columns={[
          { label: 'Fecha', sort: 'fecha', cell: (r) => formatDateTimeShort(r.createdAt) },
          { label: 'Quién', cell: (r) => actorName(r) },
          { label: 'Acción', sort: 'accion', cell: (r) => AUDIT_ACTION_LABELS[r.action] },
          {
            label: 'Registro',
            sort: 'entidad',
            cell: (r) => {
              const href = entityHref(r.entityType, r.entityId);
              const label = `${entityLabel(r.entityType)} #${r.entityId}`;
              return href && r.action !== 'delete' ? <a href={href}>{label}</a> : label;
            },
          },
          { label: 'Cambios', cell: (r) => <AuditChanges entry={r} /> },
        ]}
      />
    </StaffLayout>
  );
}
