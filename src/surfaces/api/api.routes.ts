import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import type { ApiScope } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { detailProblems, idParams, listOf, pageInput, pageOf, pageQuery, readProblems } from './api.schemas';

/**
 * The two shapes of an API read, declared once: a paginated list (its filters in the query string,
 * read by the owning module with keyset pagination) and one row by id (a Spanish 404 when there is
 * none). Each route states only what differs — its document, its filters, the module's query — so a
 * dozen routes cannot drift apart in how they page, answer problems or appear in the OpenAPI document.
 * The zod schemas still parse every request and shape every answer at run time.
 */

type RouteDoc = { scope: ApiScope; tags: string[]; summary: string; description?: string };

type Page = ReturnType<typeof pageInput>;

/** GET `path`: a page of rows matching the filters of the query string. */
export function listRoute<Filters extends z.ZodRawShape, Criteria, Row extends { id: number }>(
  app: FastifyInstance,
  path: string,
  route: RouteDoc & {
    item: z.ZodType;
    /** The query string's filters, beside `limit` and `cursor`. */
    filters: Filters;
    criteria: (query: z.output<z.ZodObject<Filters>>) => Criteria;
    list: (db: Db, criteria: Criteria, page: Page) => Promise<Row[]>;
  },
) {
  const querystring = pageQuery.extend(route.filters);
  app.get(
    path,
    {
      config: { apiScope: route.scope },
      schema: {
        tags: route.tags,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        querystring,
        response: { 200: listOf(route.item), ...readProblems },
      },
    },
    async (request) => {
      // Parsed by the querystring schema above before the handler runs.
      const query = request.query as z.output<z.ZodObject<Filters>> & Parameters<typeof pageInput>[0];
      const page = pageInput(query);
      const rows = await route.list(app.deps.database.db, route.criteria(query), page);
      return pageOf(rows, page.limit);
    },
  );
}

/** GET `path` with `:id`: one row, or a 404 problem saying `notFound`. */
export function detailRoute<Row>(
  app: FastifyInstance,
  path: string,
  route: RouteDoc & {
    item: z.ZodType;
    find: (db: Db, id: number) => Promise<Row | null | undefined>;
    notFound: string;
  },
) {
  app.get(
    path,
    {
      config: { apiScope: route.scope },
      schema: {
        tags: route.tags,
        summary: route.summary,
        params: idParams,
        response: { 200: route.item, ...detailProblems },
      },
    },
    async (request) => {
      const { id } = request.params as z.output<typeof idParams>;
      const row = await route.find(app.deps.database.db, id);
      if (!row) throw new NotFoundError(route.notFound);
      return row;
    },
  );
}
