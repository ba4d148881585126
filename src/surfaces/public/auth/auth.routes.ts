import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { mergeSessionCartIntoCustomer } from '../../../domain/cart';
import { authenticate } from '../../../domain/users';
import { logIn, logOut } from '../../../http/auth-session';
import { readTrustedDevice, rememberTrustedDevice } from '../../../http/device-cookie';
import { form, localPath } from '../../../http/routes';
import { loginForm } from './auth.forms';
import { LoginPage } from './views/login.page';

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/login/', { schema: { querystring: z.object({ next: localPath }) } }, async (request, reply) => {
    const { next } = request.query;
    if (request.user) return reply.redirect(next ?? '/', 303);
    return reply.page(LoginPage, { values: { next }, errors: {} });
  });

  app.post(
    '/login/',
    form({ body: loginForm }, (_request, reply, { values, errors }) =>
      reply.page(LoginPage, { values, errors, formError: errors._form }),
    ),
    async (request, reply) => {
      const { username, password, next } = request.body;
      const ctx = { now: app.deps.clock() };
      const user = await authenticate(
        database.db,
        { login: username, password, ip: request.ip, device: readTrustedDevice(request) },
        ctx,
      );
      // The anonymous cart joins the account's before the session id changes.
      await inTransaction(database, (trx) =>
        mergeSessionCartIntoCustomer(trx, request.session.sessionId, user.id, ctx),
      );
      await logIn(request, user.id);
      rememberTrustedDevice(request, reply, user.id);
      return reply.flashRedirect(next ?? '/', 'success', '¡Hola de nuevo! Iniciaste sesión.');
    },
  );

  app.post('/logout/', async (request, reply) => {
    await logOut(request);
    return reply.flashRedirect('/', 'info', 'Has cerrado sesión exitosamente.');
  });
}
