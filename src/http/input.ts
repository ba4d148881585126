import type { FastifyInstance } from 'fastify';
import { stripControlCharacters } from '../lib/text';
import { formValues } from './forms';

/** Cleans every string in a parsed query, form, JSON body or route parameters, in place. */
function clean(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = clean(value[i], depth + 1);
    return value;
  }
  // Parsed data only: an uploaded file (Buffer) or a stream body is not text to clean. Parsed
  // queries are not plain objects (fast-querystring's have a prototype of their own), so this
  // looks at what the value is rather than at its prototype.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = clean(record[key], depth + 1);
  return value;
}

/**
 * The edge of the application: before any route sees its input, control characters and
 * bidirectional overrides are stripped quietly from every query parameter, form field, JSON value
 * and route parameter (the rejected alternative, a 422 per field, would have to be repeated in
 * every form, and there is nothing a user could correct: nobody types a NUL on purpose).
 * Multipart text fields are read by their routes and cleaned there.
 */
export function registerInputCleaning(app: FastifyInstance) {
  app.decorateRequest('formValues', null as unknown as Record<string, string>);
  app.addHook('preValidation', async (request) => {
    clean(request.query);
    clean(request.params);
    if (request.body && typeof request.body === 'object') clean(request.body);
    else if (typeof request.body === 'string') request.body = stripControlCharacters(request.body);
    // What was typed, before a route's schema turns it into values: a form shown again keeps it.
    request.formValues = formValues(request.body);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The form fields as typed (strings), kept for showing an invalid form again. */
    formValues: Record<string, string>;
  }
}
