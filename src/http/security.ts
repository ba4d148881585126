import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One row per route (method and full path), in registration order. */
export type RouteEntry = { method: string; url: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A POST that carries its own credential instead of a session's CSRF token (a mail provider's
     * one-click unsubscribe: a signed token in the URL, no cookie). Called before the CSRF check;
     * returns true when it answered the request itself. Declared on the route, so no central
     * exemption list can grow a hole for routes added later.
     */
    ownCredential?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
    /**
     * A payment provider's callback: Webpay's return (the customer's browser, posting from
     * Transbank's site without our token) or Mercado Pago's webhook (its server). Neither the Origin
     * check nor the CSRF token applies; the handler trusts only what it verifies with the provider
     * (a server-side commit, a signature), never what the browser carries.
     */
    providerCallback?: true;
    /**
     * A route of /api/v1: it reads only its `Authorization: Bearer` key, never the session cookie,
     * so neither the Origin check nor the CSRF token (which protect cookie-authenticated forms)
     * applies: a page on another site cannot make a browser attach a bearer key (without CORS, a
     * cross-site request with an Authorization header is refused at its preflight). Set by the API
     * plugin on its own routes only (surfaces/api/api.plugin.ts).
     */
    bearerOnly?: true;
  }
  interface FastifyInstance {
    /**
     * Every route of the app, collected as it is registered. The security tests are generated
     * from it (guards on /gestion/, CSRF on every POST), so a route added later cannot escape them.
     */
    routeTable: RouteEntry[];
  }
}

/**
 * The headers every response carries, written once: what @fastify/helmet sent with our settings,
 * which rebuilt them on every request (issue 15's profile of the catalogue). The policy allows no
 * inline script or style and no framing. Not helmet's "no-referrer": under it browsers send
 * "Origin: null" on every form POST, which blinds the Origin check; "same-origin" still keeps reset
 * links (tokens in the URL) from leaking to other sites through the Referer. HSTS is added per
 * request, only over https.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * The policy of a page that shows an e-mail in a sandboxed `srcdoc` frame (the bulk e-mail preview):
 * a srcdoc document inherits the policy of the page around it, and e-mails are styled with style
 * attributes only (mail clients ignore style sheets), so this page also allows style attributes,
 * and nothing else: no inline script, no <style> element. The frame's `sandbox` keeps the e-mail
 * from running anything. Rejected: loading the preview from its own URL with its own policy, as the
 * e-mail log does, because a message being written is not stored anywhere to load it from.
 */
export const EMAIL_PREVIEW_PAGE_CSP = `${SECURITY_HEADERS['content-security-policy']};style-src-attr 'unsafe-inline'`;

/**
 * The policy of the one page other sites may frame, the booking widget: the site's policy with
 * `frame-ancestors` naming exactly the origins the admin listed (see domain/widget). The route also
 * drops X-Frame-Options, which can only say "this site" or "nobody" and would win in old browsers.
 */
export const framedByCsp = (frameAncestors: string) =>
  SECURITY_HEADERS['content-security-policy']!.replace(
    "frame-ancestors 'none'",
    `frame-ancestors ${frameAncestors}`,
  );

/**
 * Registered first, before anything can answer (the micro-cache answers in the first hooks): the
 * https redirect when REQUIRE_HTTPS says so, and the security headers on every answer.
 */
export function registerTransportSecurity(
  app: FastifyInstance,
  options: { publicUrl: string; requireHttps: boolean },
) {
  if (options.requireHttps) registerHttpsRedirect(app, options.publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/**
 * CSRF: a token in the hidden `_csrf` field, or in an X-CSRFToken / x-csrf-token header equal to
 * the readable `csrftoken` cookie (scripts and load tests written for the old Django system send
 * that). The token is checked against a signed, HttpOnly secret cookie, so anonymous pages need no
 * server-side session. An Origin naming another site is refused as well; a missing Origin (scripts)
 * relies on the token alone, and the Referer is never a reason to refuse.
 */
export async function registerSecurity(app: FastifyInstance, options: { publicUrl: string }) {
  // Registered before any feature, so the hook sees every route that follows.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf_secret',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody =
        body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = request.headers['x-csrftoken'] ?? request.headers['x-csrf-token'];
      return fromBody ?? (Array.isArray(header) ? header[0] : header) ?? '';
    },
  });

  const allowedOrigins = new Set([new URL(options.publicUrl).origin]);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    if (SAFE_METHODS.has(request.method) || config.providerCallback || config.bearerOnly) return;
    const origin = request.headers.origin;
    // "null" is what privacy settings and sandboxed documents send: no information, so the token decides.
    if (!origin || origin === 'null') return;
    const sameHost = (() => {
      try {
        // "Host: tmm.cl:443" and "Origin: https://tmm.cl" name the same site: compare normalised.
        const host = request.headers.host ?? '';
        const originHost = new URL(origin).host;
        return (
          originHost === new URL(`http://${host}`).host || originHost === new URL(`https://${host}`).host
        );
      } catch {
        return false;
      }
    })();
    if (!sameHost && !allowedOrigins.has(origin)) {
      throw new ForbiddenError('Solicitud rechazada: el formulario no viene de este sitio.');
    }
  });

  // The check runs as each write route's last preValidation hook: after every body parser (a
  // multipart upload's fields arrive in a plugin's own preValidation hook), but before the route's
  // schema strips the token or shows an invalid form again — a forged POST learns nothing.
  const checkCsrf = async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.providerCallback || config.bearerOnly) return;
    const credential = request.routeOptions.config.ownCredential;
    if (credential && (await credential(request, reply))) return reply;
    await new Promise<void>((resolve, reject) =>
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
    );
  };
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((m) => SAFE_METHODS.has(m))) return;
    route.preValidation = [route.preValidation ?? []].flat().concat(checkCsrf);
  });
}

/**
 * REQUIRE_HTTPS: a deployment that must never serve plain http says so explicitly and sends the
 * browser to https, instead of relying on Secure cookies to make forms fail. The target host comes
 * from PUBLIC_URL when it is https (never from the request's Host header, which a client chooses);
 * the health check stays reachable over http for the container's probe.
 */
function registerHttpsRedirect(app: FastifyInstance, publicUrl: string) {
  const configured = new URL(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https' || request.url === '/healthz') return;
    const host = configured.protocol === 'https:' ? configured.host : request.host;
    const safeMethod = SAFE_METHODS.has(request.method);
    // 308 keeps a POST a POST; GET and HEAD get the classic permanent redirect.
    return reply.redirect(`https://${host}${request.url}`, safeMethod ? 301 : 308);
  });
}
