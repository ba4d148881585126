import { z } from 'zod';
import { keysetSlice } from '../../lib/keyset';
import { problemSchema } from './api.problems';

/**
 * The pieces every API route declares: ids in the path, pagination and "updated since" in the
 * query, the list envelope, and the problem answers. The same zod schemas parse requests and
 * become the OpenAPI document.
 */

export const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().positive())
    .describe('Identificador numérico'),
});

/**
 * The cursor is opaque to clients: base64url of the last id of the page, versioned, so its
 * shape can change without breaking anyone who only passes it back.
 */
export const encodeCursor = (lastId: number) => Buffer.from(`v1:${lastId}`).toString('base64url');

const cursor = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const match = /^v1:(\d{1,12})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: 'El cursor no es válido: usa el valor «next» de la página anterior.',
      });
      return z.NEVER;
    }
    return Number(match[1]);
  })
  .describe('El valor «next» de la página anterior');

export const MAX_LIMIT = 100;

const limit = z
  .string()
  .regex(/^\d{1,3}$/, `Escribe un número entre 1 y ${MAX_LIMIT}.`)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, `Escribe un número entre 1 y ${MAX_LIMIT}.`)
      .max(MAX_LIMIT, `El máximo es ${MAX_LIMIT}.`),
  )
  .optional()
  .describe(`Cuántos elementos por página (1 a ${MAX_LIMIT}, 25 si no se indica)`);

const instant = (description: string) =>
  z
    .string()
    .datetime({ offset: true, message: 'Usa una fecha y hora ISO 8601, por ejemplo 2026-03-01T00:00:00Z.' })
    .transform((value) => new Date(value).toISOString())
    .optional()
    .describe(description);

export const pageQuery = z.object({ limit, cursor: cursor.optional() });
export const updatedSince = instant('Solo los elementos cambiados desde este instante (ISO 8601)');
export const optionalInstant = instant;

/** An id in the query string ("?customer_id=12"). */
export const queryId = (description: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'Escribe un identificador numérico.')
    .transform(Number)
    .optional()
    .describe(description);

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next: z.string().nullable().describe('Cursor de la página siguiente; null en la última'),
  });

/** A page of rows read with limit + 1, as the list envelope. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number) {
  const { items, lastId } = keysetSlice(rows, limit);
  return { data: items, next: lastId === null ? null : encodeCursor(lastId) };
}

export const pageInput = (query: { limit?: number | undefined; cursor?: number | undefined }) => ({
  afterId: query.cursor ?? null,
  limit: query.limit ?? 25,
});

const problemResponse = (description: string) => problemSchema.describe(description);

/** The problem answers a route may give, for the document (the error handler writes them). */
export const readProblems = {
  401: problemResponse('Clave de API ausente, desconocida, revocada o vencida'),
  403: problemResponse('La clave no tiene el permiso necesario'),
  422: problemResponse('Parámetros no válidos'),
  429: problemResponse('Demasiadas solicitudes'),
};

export const detailProblems = { ...readProblems, 404: problemResponse('No existe') };

export const writeProblems = {
  ...detailProblems,
  409: problemResponse('Regla del negocio (taller lleno, ya inscrito…) o Idempotency-Key en curso'),
};

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string({
      error: 'Falta el encabezado Idempotency-Key (un valor único por operación, por ejemplo un UUID).',
    })
    .min(1, 'Falta el encabezado Idempotency-Key (un valor único por operación, por ejemplo un UUID).')
    .max(255, 'Idempotency-Key admite hasta 255 caracteres.')
    .describe(
      'Un valor único por operación (por ejemplo un UUID): repetir la solicitud con el mismo valor devuelve la misma respuesta durante 24 horas',
    ),
});
