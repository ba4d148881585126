import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { changeUserAccess } from '../../../domain/users';
import { ROLE_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { parseForm } from '../../../http/forms';
import { requireAdmin, safeLocalPath } from '../../../http/guards';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { activeForm, roleForm } from './users.forms';
import { USER_LIST } from './users.list';
import { UsersPage } from './views/users.page';

const LIST = USER_LIST.path;

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

  app.get('/usuarios/', (request, reply) =>
    serveList(USER_LIST, request, reply, (data) => reply.page(UsersPage, data)),
  );

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
