import { z } from 'zod';
import { NotFoundError } from '../../lib/errors';
import { normalizeRut } from '../../lib/rut';

/** Shared zod pieces for back-office forms (Spanish messages, blank → null). */

const text = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''))
    .transform((v) => v.trim());

export const requiredText = (max: number, message: string) =>
  text().pipe(z.string().min(1, message).max(max, `Escribe como máximo ${max} caracteres.`));

export const optionalText = (max: number) =>
  text()
    .pipe(z.string().max(max, `Escribe como máximo ${max} caracteres.`))
    .transform((v) => (v === '' ? null : v));

/** A Chilean RUT, stored normalised ("12345678-5"); blank → null. */
export const optionalRut = () =>
  text()
    .refine(
      (v) => v === '' || normalizeRut(v) !== null,
      'El RUT no es válido: revisa los números y el dígito verificador.',
    )
    .transform((v) => (v === '' ? null : normalizeRut(v)));

/** A phone number as people write it (+56 9 1234 5678): digits, spaces, + ( ) -. */
export const optionalPhone = () =>
  optionalText(20).refine(
    (v) => v === null || /^[+\d][\d\s()-]{5,19}$/.test(v),
    'Escribe un teléfono válido, por ejemplo +56 9 1234 5678.',
  );

/** A list of ids from checkboxes (repeated keys or a single value). */
export const idList = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]))
    .transform((list) => [
      ...new Set(list.filter((x): x is string => typeof x === 'string' && /^\d{1,9}$/.test(x)).map(Number)),
    ]);

/** A positive integer id from a route parameter; anything else is "not found". */
export function routeId(raw: unknown, message?: string): number {
  const s = typeof raw === 'string' ? raw : '';
  if (!/^\d{1,9}$/.test(s) || Number(s) <= 0) throw new NotFoundError(message);
  return Number(s);
}
