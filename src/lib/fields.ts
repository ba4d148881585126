import { z } from 'zod';
import { CLP_FORMAT_MESSAGE, parseClp } from './money';
import { normalizeRut } from './rut';
import { normalizeEmail } from './text';

/**
 * The pieces every HTML form is parsed with, so a field means the same everywhere: what the
 * browser sends (a string, nothing at all, or a list when a key repeats) becomes one trimmed
 * string first, then the field's rule applies with a Spanish message a person can act on.
 *
 * Every field accepts a missing key: browsers leave out unchecked checkboxes and disabled inputs,
 * and zod would otherwise answer "se esperaba nonoptional, recibido indefinido" (the workshop form
 * could not be saved with "Activo" unchecked).
 */

/** One trimmed string from whatever arrived: absent → "", a repeated key → its first value. */
export const text = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''))
    .transform((v) => v.trim());

/** A password as typed: the first value, not trimmed (spaces are part of a passphrase). */
export const password = (message: string, max = 200) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''))
    .pipe(z.string().min(1, message).max(max, `La contraseña puede tener hasta ${max} caracteres.`));

export const requiredText = (max: number, message: string) =>
  text().pipe(z.string().min(1, message).max(max, `Escribe como máximo ${max} caracteres.`));

export const optionalText = (max: number) =>
  text()
    .pipe(z.string().max(max, `Escribe como máximo ${max} caracteres.`))
    .transform((v) => (v === '' ? null : v));

/** A checkbox: checked when present with a truthy value; absent (unchecked) is false, never an error. */
export const checkbox = () =>
  z
    .unknown()
    .optional()
    .transform((v) => {
      const value = Array.isArray(v) ? v[0] : v;
      return value === 'on' || value === '1' || value === 'true' || value === 'si';
    });

/** One of a fixed set of values (a select or radio group). */
export const choice = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  text().pipe(z.enum(values, message));

/** A whole number of pesos ("45000", "45.000", "$45.000"); decimals and words are refused. */
export const money = (options: { message?: string; max?: number } = {}) => {
  const max = options.max ?? 100_000_000;
  return text()
    .pipe(z.string().min(1, options.message ?? CLP_FORMAT_MESSAGE))
    .transform((v, ctx) => {
      const amount = parseClp(v);
      if (amount === null) {
        ctx.addIssue({ code: 'custom', message: options.message ?? CLP_FORMAT_MESSAGE });
        return z.NEVER;
      }
      return amount;
    })
    .pipe(z.number().max(max, `El monto es demasiado grande (máximo ${max.toLocaleString('es-CL')}).`));
};

/** A whole count typed in a form (stock, seats, minutes): digits with optional thousands dots. */
export const wholeNumber = (min: number, max: number, message: string) =>
  text()
    .pipe(z.string().regex(/^(\d{1,3}(\.\d{3})+|\d{1,9})$/, message))
    .transform((v) => Number(v.replaceAll('.', '')))
    .pipe(z.number().int().min(min, message).max(max, message));

export const optionalWholeNumber = (min: number, max: number, message: string) =>
  text().pipe(
    z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .regex(/^\d{1,9}$/, message)
        .transform(Number)
        .pipe(z.number().int().min(min, message).max(max, message)),
    ]),
  );

/** An id chosen in a select; blank or anything that is not a positive integer is null. */
export const optionalId = () =>
  text().transform((v) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null));

/** A list of ids from checkboxes (repeated keys or a single value). */
export const idList = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]))
    .transform((list) => [
      ...new Set(list.filter((x): x is string => typeof x === 'string' && /^\d{1,9}$/.test(x)).map(Number)),
    ]);

export const email = (
  message = 'Escribe el correo.',
  invalid = 'Escribe un correo válido, por ejemplo nombre@correo.cl.',
) =>
  text()
    .pipe(z.string().min(1, message).max(254, 'El correo es demasiado largo.').pipe(z.email(invalid)))
    .transform(normalizeEmail);

/** A Chilean RUT with a correct check digit, stored normalised ("12345678-5"); blank → null. */
export const optionalRut = () =>
  text()
    .refine(
      (v) => v === '' || normalizeRut(v) !== null,
      'El RUT no es válido: revisa los números y el dígito verificador.',
    )
    .transform((v) => (v === '' ? null : normalizeRut(v)));

/** A phone as typed, without the spaces, dashes and brackets people write it with. */
const bare = (v: string) => v.replace(/[\s().-]/g, '');

/**
 * A phone as people write it ("+56 9 1234 5678", "(2) 2345 6789"), stored the one way sign-up
 * always stored it: without spaces, dashes or brackets ("+56912345678").
 */
export const phone = (
  message = 'Escribe el teléfono.',
  invalid = 'Escribe un teléfono válido, por ejemplo +56 9 1234 5678.',
) =>
  text()
    .pipe(z.string().min(1, message))
    .transform(bare)
    .refine((v) => /^\+?\d{8,15}$/.test(v), invalid);

/**
 * A Chilean phone for a courier to call: nine digits (a mobile "9 1234 5678" or a landline with its
 * area code "32 212 3456"), with or without +56, stored "+56912345678".
 */
export const chileanPhone = (
  message = 'Escribe un teléfono de contacto.',
  invalid = 'Escribe un teléfono chileno de 9 dígitos, por ejemplo +56 9 1234 5678.',
) =>
  text()
    .pipe(z.string().min(1, message))
    .transform((v) => bare(v).replace(/^(\+?56)(?=\d{9}$)/, ''))
    .refine((v) => /^[2-9]\d{8}$/.test(v), invalid)
    .transform((v) => `+56${v}`);

export const optionalPhone = () =>
  text()
    .transform(bare)
    .refine(
      (v) => v === '' || /^\+?\d{8,15}$/.test(v),
      'Escribe un teléfono válido, por ejemplo +56 9 1234 5678.',
    )
    .transform((v) => (v === '' ? null : v));

/** "YYYY-MM-DD" that exists on the calendar. */
export function isCalendarDate(ymd: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return false;
  const date = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === ymd;
}

export const date = (message: string) => text().refine(isCalendarDate, message);

/**
 * A birth date a person could have: a real calendar date, in the past, and at most 120 years ago
 * (not 2099, not 1700). `today` gives the Santiago date when the form is parsed (a route's schema
 * lives as long as the server); blank → null.
 */
export const optionalBirthDate = (today: () => string) =>
  text()
    .transform((v) => (v === '' ? null : v))
    .refine((v) => v === null || isCalendarDate(v), 'Ingresa una fecha válida (día, mes y año).')
    .refine((v) => v === null || v < today(), 'La fecha de nacimiento debe estar en el pasado.')
    .refine(
      (v) => v === null || Number(v.slice(0, 4)) >= Number(today().slice(0, 4)) - 120,
      'Revisa el año de nacimiento: parece demasiado antiguo.',
    );

/** Seats in one booking (the customer's and up to three companions'); blank means 1. */
export const seatCount = () =>
  text()
    .transform((v) => (v === '' ? '1' : v))
    .pipe(z.string().regex(/^[1-4]$/, 'Elige de 1 a 4 cupos.'))
    .transform(Number);

/**
 * The booking form's seats and companions' names, shared by the public, staff and waitlist forms:
 * `cupos` and `acompanante2`…`acompanante4` (each seat's number; a name is optional).
 */
export const companionFields = {
  cupos: seatCount(),
  acompanante2: optionalText(120),
  acompanante3: optionalText(120),
  acompanante4: optionalText(120),
};

/** The companions' names of a parsed booking form, in seat order (seats 2…4). */
export const companionNames = (body: {
  acompanante2: string | null;
  acompanante3: string | null;
  acompanante4: string | null;
}) => [body.acompanante2, body.acompanante3, body.acompanante4];
