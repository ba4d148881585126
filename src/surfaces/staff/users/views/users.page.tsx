import { USER_ROLES } from '../../../../db/schema';
import { ROLE_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import type { PageContext } from '../../../../ui/context';
import { DataTable } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { USER_LIST } from '../users.list';

const LIST = USER_LIST.path;

type Props = ListDataOf<typeof USER_LIST> & { ctx: PageContext };

export function UsersPage({ ctx, query, page, currentUrl }: Props) {
  return (
    <StaffLayout ctx={ctx} title="Usuarios y roles">
      <h1>Usuarios y roles</h1>
      <form method="get" action={LIST} class="filters">
        <div class="field">
          <label for="f-q">Buscar</label>
          <input id="f-q" name="q" type="search" value={query.q} placeholder="Nombre, correo o usuario" />
        </div>
        <div class="field">
          <label for="f-rol">Rol</label>
          <select id="f-rol" name="rol">
            <option value="">Todos</option>
            {USER_ROLES.map((r) => (
              <option value={r} selected={query.filters.rol === r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-small">
          Filtrar
        </button>
      </form>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Usuarios"
        empty="No hay usuarios que coincidan con la búsqueda."
        rowId={USER_LIST.rowId}
        rowTest={(u) => `user-${u.id}`}
        columns={USER_LIST.columns}
        view={{ ctx, currentUrl }}
      />
    </StaffLayout>
  );
}
