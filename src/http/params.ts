import { NotFoundError } from '../lib/errors';

/** A positive integer id from a route parameter; anything else is "not found". */
export function routeId(raw: unknown, message?: string): number {
  const s = typeof raw === 'string' ? raw : '';
  if (!/^\d{1,9}$/.test(s) || Number(s) <= 0) throw new NotFoundError(message);
  return Number(s);
}
