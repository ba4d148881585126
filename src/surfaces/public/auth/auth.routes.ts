import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { mergeSessionCartIntoCustomer } from '../../../domain/cart';
import { authenticate, InvalidLoginError, TooManyLoginAttemptsError } from '../../../domain/users';
import { logIn, logOut } from '../../../http/auth-session';
import { readTrustedDevice, rememberTrustedDevice } from '../../../http/device-cookie';
import { parseForm } from '../../../http/forms';
import { safeLocalPath } from '../../../http/guards';
import { loginForm } from './auth.forms';
import { LoginPage } from './views/login.page';

export async function authRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { next?: string } }>('/login/', async (request, reply) => {
    const next = safeLocalPath(request.query.next) ?? undefined;
    if (request.user) return reply.redirect(next ?? '/', 303);
    return reply.page(LoginPage, { values: { next }, errors: {} });
  });

  app.post('/login/', async (request, reply) => {
    const form = parseForm(loginForm, request.body);
    if (!form.ok) return reply.page(LoginPage, { values: form.values, errors: form.errors }, 422);
    const { username, password } = form.data;
    const next = safeLocalPath(form.data.next) ?? undefined;
    try {
      const user = await authenticate(
        app.deps.database.db,
        { login: username, password, ip: request.ip, device: readTrustedDevice(request) },
        { now: app.deps.clock() },
      );
      // The anonymous cart joins the account's before the session id changes.
      await inTransaction(app.deps.database, (trx) =>
        mergeSessionCartIntoCustomer(trx, request.session.sessionId, user.id, { now: app.deps.clock() }),
      );
      await logIn(request, user.id);
      rememberTrustedDevice(request, reply, user.id);
      return reply.flashRedirect(next ?? '/', 'success', '¡Hola de nuevo! Iniciaste sesión.');
    } catch (error) {
      const values = { username, next };
      if (error instanceof TooManyLoginAttemptsError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        return reply.page(LoginPage, { values, errors: {}, formError: error.message }, 429);
      }
      if (error instanceof InvalidLoginError)
        return reply.page(LoginPage, { values, errors: {}, formError: error.message }, 422);
      throw error;
    }
  });

  app.post('/logout/', async (request, reply) => {
    await logOut(request);
    return reply.flashRedirect('/', 'info', 'Has cerrado sesión exitosamente.');
  });
}
