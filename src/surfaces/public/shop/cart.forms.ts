import { InvalidQuantityError } from '../../../domain/cart';

/**
 * A quantity typed in a form: digits only ("2", " 3 "). Empty means `fallback` when one is given
 * (the add-to-cart form without a quantity adds one unit, like the old site's +1 link).
 * Anything else throws InvalidQuantityError ("Cantidad inválida.").
 */
export function parseQuantity(raw: unknown, fallback?: number): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if ((value === undefined || (typeof value === 'string' && value.trim() === '')) && fallback !== undefined)
    return fallback;
  if (typeof value !== 'string' || !/^\s*\d{1,6}\s*$/.test(value)) throw new InvalidQuantityError();
  return Number(value);
}

/** A product id posted in a form; null when it is not one (the request is then ignored). */
export function parseProductId(raw: unknown): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) && Number(value) > 0
    ? Number(value)
    : null;
}

export function formBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
