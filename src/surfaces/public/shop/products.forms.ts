import { z } from 'zod';
import { parsePage } from '../../../lib/pagination';

/**
 * The catalogue's query string. Anything unexpected (a category that is not a number, a huge
 * page) falls back to "no filter" instead of an error: a shared or hand-edited link still shows
 * the catalogue.
 */
export function parseCatalogueQuery(query: unknown) {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const q = typeof raw.q === 'string' ? raw.q.trim().slice(0, 100) : '';
  const category = z.coerce.number().int().positive().safeParse(raw.categoria);
  return {
    q,
    categoryId: category.success ? category.data : null,
    page: parsePage(raw.page),
  };
}
