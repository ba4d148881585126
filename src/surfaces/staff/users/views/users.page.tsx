import type { UserRole } from '../../../../db/schema';
import { USER_ROLES } from '../../../../db/schema';
import { ROLE_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { Page } from '../../../../lib/pagination';
import { CsrfField, EmptyState, Pagination } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type UserRow = {
  id: number;
  email: string;
  username: string | null;
  name: string;
  role: UserRole;
  isActive: boolean;
  emailVerifiedAt: string | null;
  createdAt: string;
  lastLoginAt: string | null;
};

type Props = {
  ctx: PageContext;
  users: Page<UserRow>;
  filters: { q: string; role: UserRole | null };
  /** This page's URL with its filters, so a change comes back to the same view. */
  currentUrl: string;
};

export function UsersPage({ ctx, users, filters, currentUrl }: Props) {
  const query: Record<string, string> = {};
  if (filters.q) query.q = filters.q;
  if (filters.role) query.rol = filters.role;
  return (
    <StaffLayout ctx={ctx} title="Usuarios y roles">
      <h1>Usuarios y roles</h1>
      <form method="get" action="/gestion/usuarios/" class="filters">
        <div class="field">
          <label for="f-q">Buscar</label>
          <input id="f-q" name="q" type="search" value={filters.q} placeholder="Nombre, correo o usuario" />
        </div>
        <div class="field">
          <label for="f-rol">Rol</label>
          <select id="f-rol" name="rol">
            <option value="">Todos</option>
            {USER_ROLES.map((r) => (
              <option value={r} selected={filters.role === r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-small">
          Filtrar
        </button>
      </form>
      <p class="export-links">
        Exportar: <a href={`/gestion/usuarios/?${new URLSearchParams({ ...query, formato: 'csv' })}`}>CSV</a>{' '}
        · <a href={`/gestion/usuarios/?${new URLSearchParams({ ...query, formato: 'xlsx' })}`}>XLSX</a>
      </p>
      <p class="meta">
        {users.total === 0 ? 'Sin resultados' : `Mostrando ${users.from}–${users.to} de ${users.total}`}
      </p>
      {users.items.length === 0 ? (
        <EmptyState>No hay usuarios que coincidan con la búsqueda.</EmptyState>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Nombre</th>
                <th scope="col">Correo</th>
                <th scope="col">Rol</th>
                <th scope="col">Estado</th>
                <th scope="col">Último acceso</th>
              </tr>
            </thead>
            <tbody>
              {users.items.map((u) => {
                const self = ctx.user?.id === u.id;
                return (
                  <tr data-test={`user-${u.id}`}>
                    <td>
                      {u.name || '—'}
                      {u.username && <small class="meta"> @{u.username}</small>}
                      {self && <small class="meta"> (tú)</small>}
                    </td>
                    <td>
                      {u.email}
                      {!u.emailVerifiedAt && <small class="meta"> · sin confirmar</small>}
                    </td>
                    <td>
                      {self ? (
                        ROLE_LABELS[u.role]
                      ) : (
                        <form method="post" action={`/gestion/usuarios/${u.id}/rol/`} class="inline-form">
                          <CsrfField token={ctx.csrfToken} />
                          <input type="hidden" name="volver" value={currentUrl} />
                          <label class="visually-hidden" for={`rol-${u.id}`}>
                            Rol de {u.email}
                          </label>
                          <select id={`rol-${u.id}`} name="role">
                            {USER_ROLES.map((r) => (
                              <option value={r} selected={u.role === r}>
                                {ROLE_LABELS[r]}
                              </option>
                            ))}
                          </select>{' '}
                          <button type="submit" class="button button-small button-secondary">
                            Cambiar rol
                          </button>
                        </form>
                      )}
                    </td>
                    <td>
                      {u.isActive ? 'Activa' : 'Desactivada'}
                      {!self && (
                        <form
                          method="post"
                          action={`/gestion/usuarios/${u.id}/estado/`}
                          class="inline-form"
                          data-confirm={u.isActive ? `¿Desactivar la cuenta ${u.email}?` : undefined}
                        >
                          <CsrfField token={ctx.csrfToken} />
                          <input type="hidden" name="volver" value={currentUrl} />
                          <input type="hidden" name="activo" value={u.isActive ? '0' : '1'} />{' '}
                          <button type="submit" class="button button-small button-secondary">
                            {u.isActive ? 'Desactivar' : 'Activar'}
                          </button>
                        </form>
                      )}
                    </td>
                    <td>{u.lastLoginAt ? formatDateTimeShort(u.lastLoginAt) : 'Nunca'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={users.page} pages={users.pages} query={query} basePath="/gestion/usuarios/" />
    </StaffLayout>
  );
}
