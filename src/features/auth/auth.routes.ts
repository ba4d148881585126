import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../http/forms';
import { safeLocalPath } from '../../http/guards';
import { DomainError } from '../../lib/errors';
import { loginForm } from './auth.forms';
import { authenticate } from './auth.service';
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
      const user = await authenticate(app.deps.database.db, username, password, { now: app.deps.clock() });
      // A new session id at login: a session fixed before login is worthless after it.
      await request.session.regenerate();
      request.session.userId = user.id;
      const target = next ?? '/';
      return reply.flashRedirect(target, 'success', '¡Hola de nuevo! Iniciaste sesión.');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return reply.page(LoginPage, { values: { username, next }, errors: {}, formError: error.message }, 422);
    }
  });

  app.post('/logout/', async (request, reply) => {
    await request.session.regenerate();
    return reply.flashRedirect('/', 'info', 'Has cerrado sesión exitosamente.');
  });
}
