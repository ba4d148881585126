import { USER_ROLES } from '../../../db/schema';
import { countUsers, listUsers } from '../../../domain/users';
import { ROLE_LABELS } from '../../../domain/vocabulary';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';

const LIST = '/gestion/usuarios/';

const USER_QUERY = {
  // Users come in one order only, the domain's (by name): the page offers no sort links.
  sortable: ['nombre'] as const,
  defaultSort: 'nombre' as const,
  defaultDir: 'asc' as const,
  filters: { rol: filter.oneOf(USER_ROLES) },
};

/** What the row forms need from the page: who is looking (no changing oneself) and the way back. */
type UserView = { ctx: PageContext; currentUrl: string };

const isSelf = (u: { id: number }, ctx: PageContext) => ctx.user?.id === u.id;

/** Users and roles, for admins only: /gestion/usuarios/. */
export const USER_LIST = defineList({
  path: LIST,
  exportName: 'usuarios',
  sheet: 'Usuarios',
  query: USER_QUERY,
  criteria: (query) => ({ q: query.q, role: query.filters.rol }),
  totals: countOnly(countUsers),
  rows: (db, criteria, _order, window) => listUsers(db, criteria, window),
  rowId: (u) => u.id,
  columns: [
    {
      label: 'Nombre',
      cell: (u, { ctx }: UserView) => (
        <>
          {u.name || '—'}
          {u.username && <small class="meta"> @{u.username}</small>}
          {isSelf(u, ctx) && <small class="meta"> (tú)</small>}
        </>
      ),
      exportValue: (u) => u.name,
    },
    {
      label: 'Correo',
      cell: (u) => (
        <>
          <span class="clip" title={u.email}>
            {u.email}
          </span>
          {!u.emailVerifiedAt && <small class="meta"> · sin confirmar</small>}
        </>
      ),
      exportValue: (u) => u.email,
    },
    { label: 'Usuario', exportValue: (u) => u.username },
    {
      label: 'Rol',
      cellClass: 'nowrap',
      cell: (u, { ctx, currentUrl }: UserView) =>
        // A facilitator's role comes with their facilitator record (invited from its page).
        isSelf(u, ctx) || u.role === 'facilitator' ? (
          ROLE_LABELS[u.role]
        ) : (
          <form method="post" action={`${LIST}${u.id}/rol/`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="volver" value={currentUrl} />
            <label class="visually-hidden" for={`rol-${u.id}`}>
              Rol de {u.email}
            </label>
            <select id={`rol-${u.id}`} name="role">
              {USER_ROLES.filter((r) => r !== 'facilitator').map((r) => (
                <option value={r} selected={u.role === r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="button button-small button-secondary">
              Cambiar rol
            </button>
          </form>
        ),
      exportValue: (u) => ROLE_LABELS[u.role],
    },
    {
      label: 'Estado',
      exportLabel: 'Activo',
      cellClass: 'nowrap',
      cell: (u, { ctx, currentUrl }: UserView) => (
        <>
          {u.isActive ? 'Activa' : 'Desactivada'}
          {!isSelf(u, ctx) && (
            <form
              method="post"
              action={`${LIST}${u.id}/estado/`}
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
        </>
      ),
      exportValue: (u) => (u.isActive ? 'sí' : 'no'),
    },
    { label: 'Creado', exportValue: (u) => formatDateTimeShort(u.createdAt) },
    {
      label: 'Último acceso',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (u) => (u.lastLoginAt ? formatDateTimeShort(u.lastLoginAt) : 'Nunca'),
      exportValue: (u) => (u.lastLoginAt ? formatDateTimeShort(u.lastLoginAt) : null),
    },
  ],
});
