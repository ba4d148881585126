import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FunctionComponent, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CentreConfig } from '../config';
import { santiagoParts } from '../lib/dates';
import type { CentreContact, PageContext } from '../ui/context';
import type { Flash } from './types';

export type PageComponent<P> = FunctionComponent<P & { ctx: PageContext }>;

declare module 'fastify' {
  interface FastifyReply {
    /** Renders one page component with the request's context (user, flash, CSRF token). */
    page<P extends object>(component: PageComponent<P>, props: P, status?: number): FastifyReply;
    /** Queues a message for the next page the user sees, then answers 303 to `location`. */
    flashRedirect(location: string, kind: Flash['kind'], message: string, link?: Flash['link']): FastifyReply;
  }
  interface FastifyRequest {
    flash(kind: Flash['kind'], message: string, link?: Flash['link']): void;
  }
}

export const CSRF_COOKIE = 'csrftoken';

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const flash = request.session?.flash ?? [];
  if (flash.length > 0) request.session.flash = [];
  let csrfToken: string | undefined;
  return {
    user: request.user,
    flash,
    // Made when a form asks for it: a page without forms (the catalogue for a visitor) costs no
    // CSRF secret, no signing and no cookies.
    get csrfToken() {
      if (csrfToken === undefined) {
        csrfToken = reply.generateCsrf();
        // Readable copy for scripts and load tests written for the old system (X-CSRFToken header).
        reply.setCookie(CSRF_COOKIE, csrfToken, {
          path: '/',
          sameSite: 'lax',
          httpOnly: false,
          secure: request.protocol === 'https',
        });
      }
      return csrfToken;
    },
    path: request.url.split('?')[0] ?? '/',
    year: currentYear(),
    centre: centreContact(request.server.deps.config.centre),
  };
}

/** The configured contact details as links: WhatsApp by wa.me with the number's digits. */
export function centreContact(centre: CentreConfig): CentreContact {
  return {
    name: 'TMM Bienestar y Conexión',
    address: centre.address,
    email: centre.email,
    whatsapp: { label: centre.whatsapp, href: `https://wa.me/${centre.whatsapp.replace(/\D/g, '')}` },
    instagram: { label: `@${centre.instagram}`, href: `https://www.instagram.com/${centre.instagram}/` },
  };
}

/** The Santiago calendar year, worked out once a minute rather than on every page. */
let yearCache = { until: 0, year: 0 };
function currentYear(): number {
  const now = Date.now();
  if (now >= yearCache.until) yearCache = { until: now + 60_000, year: santiagoParts(new Date(now)).year };
  return yearCache.year;
}

export function renderPage(vnode: VNode<unknown>): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

export function pageDecorator<P extends object>(
  this: FastifyReply,
  component: PageComponent<P>,
  props: P,
  status = this.statusCode >= 400 ? this.statusCode : 200,
): FastifyReply {
  const ctx = pageContext(this.request, this);
  const html = renderPage(
    h(component as FunctionComponent<P & { ctx: PageContext }>, { ...props, ctx }) as VNode<unknown>,
  );
  return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function flashRequest(
  this: FastifyRequest,
  kind: Flash['kind'],
  message: string,
  link?: Flash['link'],
) {
  const entry: Flash = link ? { kind, message, link } : { kind, message };
  this.session.flash = [...(this.session.flash ?? []), entry];
}

export function flashRedirectDecorator(
  this: FastifyReply,
  location: string,
  kind: Flash['kind'],
  message: string,
  link?: Flash['link'],
): FastifyReply {
  this.request.flash(kind, message, link);
  return this.redirect(location, 303);
}
