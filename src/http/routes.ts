import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormErrors } from './forms';
import { safeLocalPath } from './guards';

/**
 * How a route declares its edges (params, query, body) as zod schemas, through the zod type
 * provider registered in app.ts: ids, tokens, pages and forms are parsed one way everywhere, and a
 * form that does not parse is shown again by one helper (the error handler calls the route's
 * `invalidForm`), never by a try/catch in each handler.
 */

/** A positive integer id in the URL ("12"); anything else ("abc", "1e3", "-1") is a 404. */
export const id = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .pipe(z.number().int().positive());

export const idParams = z.object({ id });

/** A single-use link's token in the URL; the service decides whether it is valid. */
export const tokenParams = z.object({ token: z.string().max(200) });

/** What the error handler gives a route's `invalidForm`: a message per field and what was typed. */
export type InvalidForm = { errors: FormErrors; values: Record<string, string> };

export type InvalidFormRenderer<Params = unknown> = (
  request: FastifyRequest<{ Params: Params }>,
  reply: FastifyReply,
  invalid: InvalidForm,
) => FastifyReply | Promise<FastifyReply>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Shows the form again (status 422 is already set) when the body does not parse. */
    invalidForm?: InvalidFormRenderer;
  }
}

/**
 * The options of a form POST: its schemas (body, and params when the URL has an id), the page that
 * shows it again with the values typed and a message on each field, and any other config of the
 * route. Spread into the route's options. The page reads the params already parsed: a URL that
 * does not parse is a 404 before the body is looked at.
 */
export function form<T extends { body: z.ZodType; params?: z.ZodType; querystring?: z.ZodType }>(
  schema: T,
  invalidForm: InvalidFormRenderer<T['params'] extends z.ZodType ? z.output<T['params']> : unknown>,
  config: FastifyContextConfig = {},
) {
  return { schema, config: { ...config, invalidForm: invalidForm as InvalidFormRenderer } };
}

/**
 * A `next` parameter (where to go after logging in or signing up): kept only when it is a path on
 * this site; anything else (another site, a scheme, a repeated key) is dropped, never an error.
 */
export const localPath = z
  .unknown()
  .optional()
  .transform((v) => safeLocalPath(Array.isArray(v) ? v[0] : v) ?? undefined);
