import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { uniqueViolation } from '../db/errors';
import { DatabaseBusyError } from '../db/transaction';
import { DomainError, ForbiddenError, InvalidLinkError, NotFoundError, ValidationError } from '../lib/errors';
import { ErrorPage } from '../ui/error.page';
import { InvalidLinkPage } from '../ui/invalid-link.page';
import type { FormErrors } from './forms';

/**
 * The one place where errors become responses (STYLE.md, "How errors reach users").
 * Features throw typed errors; they never choose status codes for them.
 */

const wantsJson = (request: FastifyRequest) =>
  request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');

const isWrite = (request: FastifyRequest) => !['GET', 'HEAD', 'OPTIONS'].includes(request.method);

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
) {
  if (wantsJson(request)) return reply.code(status).send({ error: message, requestId: request.id });
  // A failure before the session plugin ran (malformed request) still gets a page, without the session.
  if (!request.session) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="es-CL"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${message}</p><p>Código: ${request.id}</p></html>`,
      );
  }
  return reply.page(
    ErrorPage,
    { status, title, message, requestId: status >= 500 ? request.id : undefined },
    status,
  );
}

/** Where a failed POST goes back to: the route may name it; otherwise the same path (GET). */
function backLocation(request: FastifyRequest): string {
  const fromRoute = (request.routeOptions.config as { errorRedirect?: (r: FastifyRequest) => string })
    .errorRedirect;
  if (fromRoute) return fromRoute(request);
  return request.url.split('?')[0] ?? '/';
}

/** The first message for each field of a body, query or params that did not parse. */
function fieldErrors(validation: { instancePath: string; message?: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const v of validation) {
    const key = v.instancePath.split('/')[1] || '_form';
    errors[key] ??= v.message ?? 'Revisa este campo.';
  }
  return errors;
}

/**
 * Input that a route's schema refused: a bad id in the URL is a page that does not exist (404); a
 * form is shown again with a message on each field (422) by the route's `invalidForm`, or, for
 * forms without a page of their own (a button in a list), its first message is flashed on the page
 * the user came from.
 */
function invalidInput(
  error: FastifyError & { validation: { instancePath: string; message?: string }[] },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | Promise<FastifyReply> {
  const where = error.validationContext;
  if (where === 'params')
    return sendError(
      request,
      reply,
      404,
      'Página no encontrada',
      'La página que buscas no existe o fue movida.',
    );
  const errors = fieldErrors(error.validation);
  if (where === 'body') {
    const render = request.routeOptions.config.invalidForm;
    if (render)
      return showFormAgain(request, reply, () =>
        render(request, reply.code(422), { errors, values: request.formValues }),
      );
    if (isWrite(request) && !wantsJson(request))
      return reply.flashRedirect(
        backLocation(request),
        'error',
        Object.values(errors)[0] ?? 'Revisa los datos.',
      );
  }
  return sendError(
    request,
    reply,
    400,
    'Solicitud inválida',
    'No pudimos entender la solicitud. Revisa los datos e inténtalo otra vez.',
  );
}

/**
 * Shows a form again through its route's `invalidForm`. Drawing that page can fail in turn (the
 * record the form edits is gone: a NotFoundError); that error is answered here like any other,
 * since one thrown from an error handler would reach Fastify's bare default handler instead.
 */
async function showFormAgain(
  request: FastifyRequest,
  reply: FastifyReply,
  show: () => FastifyReply | Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await show();
  } catch (error) {
    return answerError(error as FastifyError, request, reply, { formFailed: true });
  }
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 404, 'Página no encontrada', 'La página que buscas no existe o fue movida.'),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply));
}

/**
 * Every error of a route, as the response the user sees. `formFailed`: the error came from showing
 * a form again, which is then not tried a second time.
 */
function answerError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  { formFailed = false } = {},
): FastifyReply | Promise<FastifyReply> {
  if (hasZodFastifySchemaValidationErrors(error)) return invalidInput(error, request, reply);
  if (error instanceof NotFoundError) {
    return sendError(request, reply, 404, 'Página no encontrada', error.message);
  }
  if (error instanceof InvalidLinkError && request.session && !wantsJson(request)) {
    const again = request.routeOptions.config.renewLink?.(request) ?? { href: '/', label: 'Ir al inicio' };
    return reply.page(InvalidLinkPage, { again }, 410);
  }
  if (error instanceof ForbiddenError) {
    return sendError(request, reply, 403, 'Acceso denegado', error.message);
  }
  const render = request.routeOptions.config.invalidForm;
  if (error instanceof ValidationError && render && !formFailed) {
    // A rule the service checked (a taken e-mail, a wrong password): the same form, marked.
    if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
    return showFormAgain(request, reply, () =>
      render(request, reply.code(error.status), { errors: error.fields, values: request.formValues }),
    );
  }
  if (error instanceof DomainError) {
    if (isWrite(request) && !wantsJson(request)) {
      const message =
        error instanceof ValidationError ? (Object.values(error.fields)[0] ?? error.message) : error.message;
      return reply.flashRedirect(backLocation(request), error.flashKind, message, error.link);
    }
    return sendError(request, reply, 409, 'No se pudo completar', error.message);
  }
  if (error instanceof DatabaseBusyError) {
    request.log.warn({ err: error }, 'database busy after retry');
    const message = 'Hay mucha demanda en este momento. Por favor, intenta de nuevo en unos segundos.';
    if (isWrite(request) && !wantsJson(request))
      return reply.flashRedirect(backLocation(request), 'error', message);
    return sendError(request, reply, 503, 'Intenta de nuevo', message);
  }
  if (uniqueViolation(error) !== undefined) {
    // A duplicate that a service did not word (two identical requests at the same instant): the
    // database kept one, the other is told, never a 500.
    const message = 'Ya existe un registro con esos datos. Revisa la lista antes de volver a intentarlo.';
    if (isWrite(request) && !wantsJson(request))
      return reply.flashRedirect(backLocation(request), 'error', message);
    return sendError(request, reply, 409, 'Ya existe', message);
  }
  const code = error.code ?? '';
  if (code.startsWith('FST_CSRF')) {
    return sendError(
      request,
      reply,
      403,
      'El formulario expiró',
      'El formulario expiró, recarga la página e inténtalo otra vez.',
    );
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE') {
    return sendError(request, reply, 413, 'Archivo demasiado grande', 'Lo que enviaste es demasiado grande.');
  }
  if (error.statusCode === 429) {
    return sendError(request, reply, 429, 'Demasiados intentos', error.message);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(
      request,
      reply,
      error.statusCode,
      'Solicitud inválida',
      'No pudimos entender la solicitud. Revisa los datos e inténtalo otra vez.',
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(
    request,
    reply,
    500,
    'Algo salió mal',
    'Tuvimos un problema al procesar tu solicitud. Ya quedó registrado; inténtalo de nuevo en un momento.',
  );
}
