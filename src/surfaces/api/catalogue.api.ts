import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MODALITIES } from '../../db/schema';
import { findApiProduct, listApiProducts } from '../../domain/products';
import { findApiWorkshop, listApiWorkshops } from '../../domain/workshops';
import { santiagoToUtc } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { isCalendarDate } from '../../lib/fields';
import {
  detailProblems,
  idParams,
  listOf,
  pageInput,
  pageOf,
  pageQuery,
  queryId,
  readProblems,
  updatedSince,
} from './api.schemas';

/** Public reads: the workshops on offer with their seats left, and the kits with their stock. */

const workshop = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    categoryId: z.number().int().nullable(),
    categoryName: z.string().nullable(),
    startsAt: z.string().describe('Inicio, ISO 8601 UTC'),
    durationMinutes: z.number().int(),
    modality: z.enum(MODALITIES),
    location: z.string().nullable(),
    priceClp: z.number().int().describe('Precio en pesos chilenos'),
    totalSeats: z.number().int(),
    seatsLeft: z.number().int().describe('Cupos disponibles ahora'),
    facilitatorName: z.string().nullable(),
    cancelledAt: z.string().nullable().describe('Cuándo se canceló; null si sigue en pie'),
    updatedAt: z.string(),
  })
  .meta({ id: 'Workshop' });

const product = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    categoryId: z.number().int().nullable(),
    categoryName: z.string().nullable(),
    priceClp: z.number().int(),
    stock: z.number().int().describe('Unidades disponibles'),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

/** A Santiago calendar day ("2026-03-14") in the query. */
const day = (description: string) =>
  z
    .string()
    .refine(isCalendarDate, 'Usa una fecha AAAA-MM-DD, por ejemplo 2026-03-14.')
    .optional()
    .describe(description);

const nextDay = (ymd: string) => {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export async function catalogueApiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get(
    '/workshops',
    {
      config: { apiScope: 'public:read' },
      schema: {
        tags: ['Talleres'],
        summary: 'Talleres publicados',
        description:
          'Los talleres publicados (los cancelados aparecen con cancelledAt), del más antiguo al más nuevo. Sin clave o con cualquier clave.',
        querystring: pageQuery.extend({
          category_id: queryId('Solo los de esta categoría (interés)'),
          from: day('Desde este día (America/Santiago), inclusive'),
          to: day('Hasta este día (America/Santiago), inclusive'),
          updated_since: updatedSince,
        }),
        response: { 200: listOf(workshop), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiWorkshops(
        db(),
        {
          categoryId: q.category_id ?? null,
          startsFrom: q.from ? santiagoToUtc(q.from).toISOString() : null,
          startsBefore: q.to ? santiagoToUtc(nextDay(q.to)).toISOString() : null,
          updatedSince: q.updated_since ?? null,
        },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/workshops/:id',
    {
      config: { apiScope: 'public:read' },
      schema: {
        tags: ['Talleres'],
        summary: 'Un taller, con sus cupos disponibles',
        params: idParams,
        response: { 200: workshop, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiWorkshop(db(), request.params.id);
      if (!row) throw new NotFoundError('Ese taller no existe.');
      return row;
    },
  );

  app.get(
    '/products',
    {
      config: { apiScope: 'public:read' },
      schema: {
        tags: ['Kits'],
        summary: 'Kits a la venta, con su stock',
        querystring: pageQuery.extend({
          category_id: queryId('Solo los de esta categoría'),
          updated_since: updatedSince,
        }),
        response: { 200: listOf(product), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiProducts(
        db(),
        { updatedSince: q.updated_since ?? null, categoryId: q.category_id ?? null },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/products/:id',
    {
      config: { apiScope: 'public:read' },
      schema: {
        tags: ['Kits'],
        summary: 'Un kit, con su stock',
        params: idParams,
        response: { 200: product, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiProduct(db(), request.params.id);
      if (!row) throw new NotFoundError('Ese kit no existe o no está a la venta.');
      return row;
    },
  );
}
