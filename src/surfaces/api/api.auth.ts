import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScope } from '../../db/schema';
import {
  ApiKeyRejectedError,
  type AuthenticatedApiKey,
  authenticateApiKey,
  claimIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
  requireScope,
  storeIdempotentAnswer,
} from '../../domain/api-keys';
import type { ServiceContext } from '../../domain/context';
import { PROBLEM_TYPE, problem, sendProblem } from './api.problems';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key of an /api/v1 request (null without one); set by the API's onRequest hook. */
    apiKey: AuthenticatedApiKey | null;
    /** The Idempotency-Key row this POST reserved, answered in onSend. */
    idempotencyId: number | null;
  }
  interface FastifyContextConfig {
    /** What an /api/v1 route needs of its key. */
    apiScope?: ApiScope;
  }
}

/**
 * onRequest for every /api/v1 route: reads `Authorization: Bearer <key>` (and nothing else: the
 * session cookie a browser may send is ignored, the API acts only as its key), then checks the
 * route's scope. Public reads answer without a key.
 */
export async function authenticateApiRequest(request: FastifyRequest) {
  request.apiKey = null;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new ApiKeyRejectedError('Envía la clave como «Authorization: Bearer <clave>».');
    request.apiKey = await authenticateApiKey(
      request.server.deps.database.db,
      match[1],
      request.server.deps.clock(),
    );
  }
  const scope = request.routeOptions.config.apiScope;
  if (scope) requireScope(request.apiKey, scope);
}

/** The service context of an API request: the key acts as the admin who created it. */
export function apiServiceContext(request: FastifyRequest): ServiceContext {
  const { clock, config } = request.server.deps;
  return { now: clock(), actor: request.apiKey?.actor ?? null, publicUrl: config.publicUrl };
}

/**
 * preHandler of every POST, after its schemas parsed the request: reserves the Idempotency-Key
 * (required on every POST) or answers from what it holds: the stored answer for the same request,
 * 422 for another request under the same key, 409 while the first is still running.
 */
export async function claimIdempotency(request: FastifyRequest, reply: FastifyReply) {
  request.idempotencyId = null;
  const key = request.headers['idempotency-key'];
  // Every POST declares the header (its schema refused a missing one) and needs the write scope,
  // so both are here; the check only narrows the types.
  if (typeof key !== 'string' || !request.apiKey) return;
  const path = request.url.split('?')[0] ?? request.url;
  const fingerprint = requestFingerprint(request.method, path, JSON.stringify(request.body ?? null));
  const claim = await claimIdempotencyKey(
    request.server.deps.database.db,
    { apiKeyId: request.apiKey.id, key, fingerprint },
    request.server.deps.clock(),
  );
  if (claim.kind === 'reserved') {
    request.idempotencyId = claim.id;
    return;
  }
  if (claim.kind === 'replay')
    return reply
      .code(claim.status)
      .type(claim.status >= 400 ? PROBLEM_TYPE : 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(claim.body);
  if (claim.kind === 'in_flight')
    return sendProblem(
      request,
      reply,
      problem(
        409,
        'idempotency_in_flight',
        'Solicitud en curso',
        'Una solicitud con esta Idempotency-Key todavía se está procesando; vuelve a intentarlo en un momento.',
      ),
    );
  return sendProblem(
    request,
    reply,
    problem(
      422,
      'idempotency_mismatch',
      'Idempotency-Key ya usada',
      'Esta Idempotency-Key ya se usó con otra solicitud; usa una nueva para una operación distinta.',
    ),
  );
}

/** onSend: keeps the answer of a reserved key (or frees the key after a failure on our side). */
export async function storeIdempotency(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const id = request.idempotencyId;
  if (id === null || id === undefined) return payload;
  request.idempotencyId = null;
  const db = request.server.deps.database.db;
  if (reply.statusCode >= 500) await releaseIdempotencyKey(db, id);
  else await storeIdempotentAnswer(db, id, reply.statusCode, typeof payload === 'string' ? payload : '');
  return payload;
}
