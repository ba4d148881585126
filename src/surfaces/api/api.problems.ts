import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uniqueViolation } from '../../db/errors';
import { DatabaseBusyError } from '../../db/transaction';
import { ApiKeyRejectedError, ApiScopeMissingError } from '../../domain/api-keys';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';

/**
 * Errors of the API as RFC 9457 problem details (`application/problem+json`), in Spanish: `type`
 * names the kind of problem (a stable URN a client can switch on), `title` says it in a few words,
 * `detail` says what happened to this request, `errors` lists the fields that did not parse. The
 * API answers its own errors here rather than through http/errors.ts, which shows pages and
 * flashes: an API client needs the same shape for every failure.
 */
export const problemSchema = z
  .object({
    type: z.string().describe('URN del tipo de problema, estable: urn:tmm:problem:<código>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe('El identificador de la solicitud (también en x-request-id)'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Un mensaje por campo que no se pudo leer'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_TYPE = 'application/problem+json';

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: Problem['errors'],
): Problem {
  return { type: `urn:tmm:problem:${code}`, title, status, detail, ...(errors ? { errors } : {}) };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem) {
  return reply
    .code(body.status)
    .type(PROBLEM_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ ...body, instance: request.id }));
}

const NOT_FOUND = problem(404, 'not_found', 'No encontrado', 'No existe un recurso en esta dirección.');

export function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, NOT_FOUND);
}

/** A field path as a client wrote it: "limit", "customer.email", "headers.idempotency-key". */
const fieldOf = (where: string | undefined, instancePath: string) => {
  const path = instancePath.split('/').filter(Boolean).join('.');
  if (where === 'headers') return path;
  return path || '_';
};

/** Every error a route of the API throws, as a problem. Never a 500 for something the client sent. */
export function apiErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    if (error.validationContext === 'params') return notFound(request, reply);
    const errors = error.validation.map((v) => ({
      field: fieldOf(error.validationContext, v.instancePath),
      message: v.message ?? 'Revisa este campo.',
    }));
    return sendProblem(
      request,
      reply,
      problem(
        422,
        'validation',
        'Datos no válidos',
        'Hay campos que no se pudieron leer; revisa «errors».',
        errors,
      ),
    );
  }
  if (error instanceof ApiKeyRejectedError) {
    reply.header('www-authenticate', 'Bearer realm="tmm"');
    return sendProblem(request, reply, problem(401, error.code, 'Clave de API no válida', error.message));
  }
  if (error instanceof ApiScopeMissingError || error instanceof ForbiddenError)
    return sendProblem(request, reply, problem(403, error.code, 'Sin permiso', error.message));
  if (error instanceof NotFoundError)
    return sendProblem(request, reply, problem(404, 'not_found', 'No encontrado', error.message));
  if (error instanceof ValidationError) {
    const errors = Object.entries(error.fields).map(([field, message]) => ({ field, message }));
    return sendProblem(
      request,
      reply,
      problem(error.status, 'validation', 'Datos no válidos', error.message, errors),
    );
  }
  if (error instanceof DomainError)
    return sendProblem(request, reply, problem(409, error.code, 'No se pudo completar', error.message));
  if (error instanceof DatabaseBusyError) {
    request.log.warn({ err: error }, 'database busy after retry');
    reply.header('retry-after', '2');
    return sendProblem(
      request,
      reply,
      problem(
        503,
        'busy',
        'Intenta de nuevo',
        'Hay mucha demanda en este momento; intenta de nuevo en unos segundos.',
      ),
    );
  }
  if (uniqueViolation(error) !== undefined)
    return sendProblem(
      request,
      reply,
      problem(409, 'duplicate', 'Ya existe', 'Ya existe un registro con esos datos.'),
    );
  if (error.statusCode === 429)
    return sendProblem(
      request,
      reply,
      problem(
        429,
        'rate_limited',
        'Demasiadas solicitudes',
        'Hiciste demasiadas solicitudes seguidas; espera un momento (ver Retry-After).',
      ),
    );
  const code = error.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendProblem(
      request,
      reply,
      problem(413, 'too_large', 'Demasiado grande', 'El cuerpo de la solicitud es demasiado grande.'),
    );
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendProblem(
      request,
      reply,
      problem(
        415,
        'unsupported_media_type',
        'Formato no aceptado',
        'Envía el cuerpo como JSON (Content-Type: application/json).',
      ),
    );
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return sendProblem(
      request,
      reply,
      problem(
        error.statusCode,
        'bad_request',
        'Solicitud inválida',
        'No pudimos leer la solicitud; revisa que el cuerpo sea JSON válido.',
      ),
    );
  request.log.error({ err: error }, 'unhandled API error');
  return sendProblem(
    request,
    reply,
    problem(
      500,
      'internal',
      'Algo salió mal',
      'Tuvimos un problema al procesar la solicitud; ya quedó registrado.',
    ),
  );
}
