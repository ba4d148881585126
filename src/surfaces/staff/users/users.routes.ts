import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { changeUserAccess, countUsers, listUsers } from '../../../domain/users';
import { ROLE_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { parseForm } from '../../../http/forms';
import { requireAdmin, safeLocalPath } from '../../../http/guards';
import { formatDateTimeShort } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { firstValues } from '../../../lib/list-query';
import { makePage, pageWindow, parsePage } from '../../../lib/pagination';
import { activeForm, roleForm, userListQuery } from './users.forms';
import { UsersPage } from './views/users.page';

/** Exports are the whole filtered list; this only bounds a runaway download. */
const EXPORT_LIMIT = 100_000;

const PAGE_SIZE = 25;
const LIST = '/gestion/usuarios/';

type IdParams = { Params: { id: string } };

function userId(request: FastifyRequest<IdParams>): number {
  const id = Number(request.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('No encontramos ese usuario.');
  return id;
}

/** Back to the list with the filters the admin was using (a local path under the list only). */
function backTo(request: FastifyRequest): string {
  const raw = (request.body as Record<string, unknown> | undefined)?.volver;
  const path = safeLocalPath(raw);
  return path?.startsWith(LIST) ? path : LIST;
}

/** Users and roles, for admins only (/gestion/usuarios/, inside the staff area). */
export async function usersStaffRoutes(app: FastifyInstance) {
  app.addHook('onRequest', requireAdmin);
  const { database } = app.deps;
  const errorRedirect = { config: { errorRedirect: backTo } };

  app.get('/usuarios/', async (request, reply) => {
    const query = userListQuery.parse(firstValues(request.query));
    const filters = { q: query.q ?? '', role: query.rol ?? null };
    if (query.formato) {
      const all = await listUsers(database.db, filters, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.formato,
        {
          name: 'usuarios',
          sheet: 'Usuarios',
          header: ['Nombre', 'Correo', 'Usuario', 'Rol', 'Activo', 'Creado', 'Último acceso'],
          rows: all.map((u) => [
            u.name,
            u.email,
            u.username,
            ROLE_LABELS[u.role],
            u.isActive ? 'sí' : 'no',
            formatDateTimeShort(u.createdAt),
            u.lastLoginAt ? formatDateTimeShort(u.lastLoginAt) : null,
          ]),
        },
        app.deps.clock(),
      );
    }
    const total = await countUsers(database.db, filters);
    const { page, offset } = pageWindow(parsePage(query.page), PAGE_SIZE, total);
    const users = await listUsers(database.db, filters, { offset, limit: PAGE_SIZE });
    return reply.page(UsersPage, {
      users: makePage(users, page, PAGE_SIZE, total),
      filters,
      currentUrl: request.url,
    });
  });

  app.post<IdParams>('/usuarios/:id/rol/', errorRedirect, async (request, reply) => {
    const id = userId(request);
    const form = parseForm(roleForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(backTo(request), 'error', form.errors.role ?? 'Elige un rol válido.');
    const { email } = await inTransaction(database, (trx) =>
      changeUserAccess(trx, { userId: id, role: form.data.role }, serviceContext(request)),
    );
    return reply.flashRedirect(
      backTo(request),
      'success',
      `${email} ahora tiene el rol ${ROLE_LABELS[form.data.role]}.`,
    );
  });

  app.post<IdParams>('/usuarios/:id/estado/', errorRedirect, async (request, reply) => {
    const id = userId(request);
    const form = parseForm(activeForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(backTo(request), 'error', form.errors.activo ?? 'Solicitud inválida.');
    const { email } = await inTransaction(database, (trx) =>
      changeUserAccess(trx, { userId: id, isActive: form.data.activo }, serviceContext(request)),
    );
    const message = form.data.activo
      ? `La cuenta ${email} quedó activa.`
      : `La cuenta ${email} quedó desactivada y sus sesiones se cerraron.`;
    return reply.flashRedirect(backTo(request), 'success', message);
  });
}
