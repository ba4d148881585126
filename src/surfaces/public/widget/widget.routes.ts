import type { FastifyInstance } from 'fastify';
import { h, type VNode } from 'preact';
import { frameAncestors, listWidgetOrigins } from '../../../domain/widget';
import { listCatalogueWorkshops } from '../../../domain/workshops';
import { renderPage } from '../../../http/render';
import { framedByCsp } from '../../../http/security';
import { parseCatalogueQuery, publicFilter, publicFilterQuery } from '../workshops/workshops.forms';
import { WidgetPage } from './views/widget.page';

/** Enough for a side column on a site; "Ver todos los talleres" leads to the rest. */
const WIDGET_LIMIT = 12;

/**
 * The embeddable booking widget: /widget.js (the one-line script a site pastes) and the page it
 * frames, /widget/talleres/ (with the catalogue's ?categoria= and ?modalidad=). Only this page may
 * be framed, and only by the origins an admin listed at /gestion/widget/; every other page keeps
 * `frame-ancestors 'none'`.
 */
export async function widgetRoutes(fastify: FastifyInstance) {
  const app = fastify;
  const { database, config } = app.deps;

  app.get('/widget/talleres/', async (request, reply) => {
    const now = app.deps.clock();
    const { filter, values } = parseCatalogueQuery(request.query as Record<string, unknown>, now);
    const [workshops, origins] = await Promise.all([
      listCatalogueWorkshops(database.db, now, publicFilter(filter), { limit: WIDGET_LIMIT, offset: 0 }),
      listWidgetOrigins(database.db),
    ]);
    const html = renderPage(
      h(WidgetPage, {
        workshops,
        publicUrl: config.publicUrl,
        cataloguePath: `/talleres/${publicFilterQuery(values)}`,
      }) as VNode<unknown>,
    );
    reply.removeHeader('x-frame-options');
    return reply
      .header('content-security-policy', framedByCsp(frameAncestors(origins.map((o) => o.origin))))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  });

  // Loaded by other sites' pages as a script: the resource policy must let them (same-origin, the
  // default everywhere else, would block it).
  app.get('/widget.js', (_request, reply) =>
    reply
      .header('cross-origin-resource-policy', 'cross-origin')
      .type('text/javascript; charset=utf-8')
      .sendFile('js/widget-embed.js', { maxAge: 3600_000 }),
  );
}
