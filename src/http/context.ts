import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../domain/context';

/** The service context of a request: its user, the app clock and the public URL. */
export function serviceContext(request: FastifyRequest): ServiceContext {
  const { clock, config } = request.server.deps;
  return {
    now: clock(),
    actor: request.user ? { userId: request.user.id, role: request.user.role } : null,
    publicUrl: config.publicUrl,
  };
}
