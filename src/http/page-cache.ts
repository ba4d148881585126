import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * What `load` gives, shared by every request (logged in or not) for up to `ttlMs`: the data of
     * pages that are the same for everyone (the catalogue, the home page), so a launch minute reads
     * it once a second rather than once a request. Without the micro-cache (tests) it always loads.
     */
    sharedRead<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /**
     * Visitors without a session get the same HTML for this GET route for up to this many
     * milliseconds (a micro-cache for launch minutes, when hundreds of people reload the catalogue
     * at once).
     */
    anonymousCacheMs?: number;
  }
}

/** A page as it goes on the wire: the bytes, and compressed copies made once when it is stored. */
type Entry = { expires: number; identity: Buffer; gzip: Buffer; br: Buffer };
const MAX_ENTRIES = 500;
const SESSION_COOKIE = /(?:^|;\s*)sessionid=/;

/** A request that can be answered from the cache: a GET (or HEAD) with no session cookie. */
const isSessionless = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !SESSION_COOKIE.test(request.headers.cookie ?? '');

function encodingFor(request: FastifyRequest): 'br' | 'gzip' | 'identity' {
  const accepted = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return 'identity';
}

/**
 * The micro-cache behind `config.anonymousCacheMs`. Only requests that carry no session cookie are
 * answered from it or stored in it, so nothing personal is ever shared (a visitor's cart or flash
 * message lives in a session); such pages hold no form, so they need no CSRF token either. It
 * answers in the first request hook, before sessions, users and CSRF are looked at, with bytes and
 * their gzip and brotli copies made once per fill. Seat counts on a cached page are at most that old
 * and seats.js keeps them live anyway. Per process and in memory: rejected a shared cache (more
 * moving parts) for a TTL of about a second. Registered before the session plugin (app.ts).
 */
export function registerPageCache(app: FastifyInstance, clock: () => number = Date.now) {
  const entries = new Map<string, Entry>();
  const reads = new Map<string, { expires: number; value: Promise<unknown> }>();

  app.decorate('sharedRead', <T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> => {
    const now = clock();
    const hit = reads.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    if (reads.size >= MAX_ENTRIES) reads.clear();
    // The promise itself is shared: requests that arrive while it loads wait for the same read.
    const value = load();
    reads.set(key, { expires: now + ttlMs, value });
    value.catch(() => reads.delete(key));
    return value;
  });

  const ttlOf = (request: FastifyRequest): number | undefined =>
    isSessionless(request) ? request.routeOptions.config.anonymousCacheMs : undefined;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!ttlOf(request)) return;
    const entry = entries.get(request.url);
    if (!entry || entry.expires <= clock()) return;
    const encoding = encodingFor(request);
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('vary', 'accept-encoding');
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(entry[encoding]);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const ttl = ttlOf(request);
    if (!ttl || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    const identity = Buffer.from(payload);
    entries.set(request.url, {
      expires: clock() + ttl,
      identity,
      gzip: gzipSync(identity, { level: 6 }),
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    });
    reply.header('vary', 'accept-encoding');
    return payload;
  });
}

/** The same interface without sharing, for apps built without the micro-cache (tests). */
export function registerUncachedReads(app: FastifyInstance) {
  app.decorate('sharedRead', <T>(_key: string, _ttlMs: number, load: () => Promise<T>) => load());
}
