import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Anonymous visitors get the same HTML for this GET route for up to this many milliseconds
     * (a micro-cache for launch minutes, when hundreds of people reload the catalogue at once).
     */
    anonymousCacheMs?: number;
  }
}

type Entry = { html: string; expires: number };
const MAX_ENTRIES = 500;

/**
 * The micro-cache behind `config.anonymousCacheMs`. Only anonymous GETs with no pending flash
 * message are served from it or stored in it, so nothing personal is ever shared; seat counts on a
 * cached page are at most that old and seats.js keeps them live anyway. Per process and in memory:
 * rejected a shared cache (more moving parts) for a TTL of about a second.
 */
export function registerPageCache(app: FastifyInstance, clock: () => number = Date.now) {
  const entries = new Map<string, Entry>();

  const ttlOf = (request: FastifyRequest): number | undefined => {
    if (request.method !== 'GET' || request.user) return undefined;
    if ((request.session?.flash?.length ?? 0) > 0) return undefined;
    return request.routeOptions.config.anonymousCacheMs;
  };

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!ttlOf(request)) return;
    const entry = entries.get(request.url);
    if (entry && entry.expires > clock()) {
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(entry.html);
    }
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const ttl = ttlOf(request);
    if (!ttl || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(request.url, { html: payload, expires: clock() + ttl });
    return payload;
  });
}
