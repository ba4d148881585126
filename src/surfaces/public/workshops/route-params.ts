import { NotFoundError } from '../../../lib/errors';

/** A numeric id from the URL; anything else ("abc", "1e3", "-1") is a 404, never a 500. */
export function idParam(raw: unknown): number {
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) throw new NotFoundError();
  return Number(raw);
}
