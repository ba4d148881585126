import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { changeUserAccess } from '../../../domain/users';
import { ROLE_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { requireAdmin, safeLocalPath } from '../../../http/guards';
import { idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { activeForm, roleForm } from './users.forms';
import { USER_LIST } from './users.list';
import { UsersPage } from './views/users.page';

const LIST = USER_LIST.path;

/**
 * Back to the list with the filters the admin was using (a local path under the list only), read
 * from the form as typed. No values when the request failed before its body was read.
 */
function backTo(request: FastifyRequest): string {
  const path = safeLocalPath(request.formValues?.volver);
  return path?.startsWith(LIST) ? path : LIST;
}

/** Users and roles, for admins only (/gestion/usuarios/, inside the staff area). */
export async function usersStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireAdmin);
  const { database } = app.deps;
  const config = { errorRedirect: backTo };

  app.get('/usuarios/', (request, reply) =>
    serveList(USER_LIST, request, reply, (data) => reply.page(UsersPage, data)),
  );

  app.post(
    '/usuarios/:id/rol/',
    { schema: { params: idParams, body: roleForm }, config },
    async (request, reply) => {
      const { role } = request.body;
      const { email } = await inTransaction(database, (trx) =>
        changeUserAccess(trx, { userId: request.params.id, role }, serviceContext(request)),
      );
      return reply.flashRedirect(
        backTo(request),
        'success',
        `${email} ahora tiene el rol ${ROLE_LABELS[role]}.`,
      );
    },
  );

  app.post(
    '/usuarios/:id/estado/',
    { schema: { params: idParams, body: activeForm }, config },
    async (request, reply) => {
      const { activo } = request.body;
      const { email } = await inTransaction(database, (trx) =>
        changeUserAccess(trx, { userId: request.params.id, isActive: activo }, serviceContext(request)),
      );
      const message = activo
        ? `La cuenta ${email} quedó activa.`
        : `La cuenta ${email} quedó desactivada y sus sesiones se cerraron.`;
      return reply.flashRedirect(backTo(request), 'success', message);
    },
  );
}
