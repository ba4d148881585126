import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MODALITIES } from '../../db/schema';
import { findApiProduct, listApiProducts } from '../../domain/products';
import { findApiWorkshop, listApiWorkshops } from '../../domain/workshops';
import { santiagoToUtc } from '../../lib/dates';
import { isCalendarDate } from '../../lib/fields';
import { detailRoute, listRoute } from './api.routes';
import { queryId, updatedSince } from './api.schemas';

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

const open = { scope: 'public:read' as const };

export async function catalogueApiRoutes(app: FastifyInstance) {
  listRoute(app, '/workshops', {
    ...open,
    tags: ['Talleres'],
    summary: 'Talleres publicados',
    description:
      'Los talleres publicados (los cancelados aparecen con cancelledAt), del más antiguo al más nuevo. Sin clave o con cualquier clave.',
    item: workshop,
    filters: {
      category_id: queryId('Solo los de esta categoría (interés)'),
      from: day('Desde este día (America/Santiago), inclusive'),
      to: day('Hasta este día (America/Santiago), inclusive'),
      updated_since: updatedSince,
    },
    criteria: (q) => ({
      categoryId: q.category_id ?? null,
      startsFrom: q.from ? santiagoToUtc(q.from).toISOString() : null,
      startsBefore: q.to ? santiagoToUtc(nextDay(q.to)).toISOString() : null,
      updatedSince: q.updated_since ?? null,
    }),
    list: listApiWorkshops,
  });
  detailRoute(app, '/workshops/:id', {
    ...open,
    tags: ['Talleres'],
    summary: 'Un taller, con sus cupos disponibles',
    item: workshop,
    find: findApiWorkshop,
    notFound: 'Ese taller no existe.',
  });

  listRoute(app, '/products', {
    ...open,
    tags: ['Kits'],
    summary: 'Kits a la venta, con su stock',
    item: product,
    filters: { category_id: queryId('Solo los de esta categoría'), updated_since: updatedSince },
    criteria: (q) => ({ updatedSince: q.updated_since ?? null, categoryId: q.category_id ?? null }),
    list: listApiProducts,
  });
  detailRoute(app, '/products/:id', {
    ...open,
    tags: ['Kits'],
    summary: 'Un kit, con su stock',
    item: product,
    find: findApiProduct,
    notFound: 'Ese kit no existe o no está a la venta.',
  });
}
