import { z } from 'zod';
import { normalizeRut } from '../../lib/rut';

/**
 * Sign-up, profile and password forms. Field names are the Spanish ones the old system's forms
 * and scripts used. Optional fields arrive as "" from the browser and become null.
 */

const emptyToNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);

const nombre = z
  .string({ error: 'Ingresa tu nombre.' })
  .trim()
  .min(2, 'Ingresa tu nombre completo.')
  .max(150, 'El nombre puede tener hasta 150 caracteres.');

const email = z
  .string({ error: 'Ingresa tu correo.' })
  .trim()
  .toLowerCase()
  .min(1, 'Ingresa tu correo.')
  .max(254, 'El correo es demasiado largo.')
  .pipe(z.email('Ingresa un correo válido, por ejemplo nombre@correo.cl.'));

/** Chilean or international numbers; stored without spaces or dashes ("+56912345678"). */
const telefono = z
  .string({ error: 'Ingresa tu teléfono.' })
  .trim()
  .min(1, 'Ingresa tu teléfono.')
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .refine((v) => /^\+?\d{8,15}$/.test(v), 'Ingresa un teléfono válido, por ejemplo +56912345678.');

const comuna = z
  .string()
  .trim()
  .max(100, 'La comuna puede tener hasta 100 caracteres.')
  .optional()
  .transform(emptyToNull);

const rut = z
  .string()
  .trim()
  .optional()
  .transform(emptyToNull)
  .refine((v) => v === null || normalizeRut(v) !== null, 'El RUT no es válido: revisa el dígito verificador.')
  .transform((v) => (v === null ? null : normalizeRut(v)));

/** A calendar date in the past, after 1900; `today` is the Santiago date of the request. */
const birthDate = (today: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform(emptyToNull)
    .refine(
      (v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v)),
      'Ingresa una fecha válida (día, mes y año).',
    )
    .refine(
      (v) => v === null || (v >= '1900-01-01' && v < today),
      'La fecha de nacimiento debe estar en el pasado.',
    );

function isCalendarDate(ymd: string): boolean {
  const date = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === ymd;
}

const newPassword = z
  .string({ error: 'Ingresa una contraseña.' })
  .min(1, 'Ingresa una contraseña.')
  .max(200, 'La contraseña puede tener hasta 200 caracteres.');
const repeatPassword = z.string({ error: 'Repite la contraseña.' }).min(1, 'Repite la contraseña.');
const passwordsMatch = (v: { password: string; password2: string }) => v.password === v.password2;
const MISMATCH = { path: ['password2'], message: 'Las contraseñas no coinciden.' };

export const registerForm = (today: string) =>
  z
    .object({
      nombre,
      email,
      telefono,
      password: newPassword,
      password2: repeatPassword,
      fecha_nacimiento: birthDate(today),
      comuna,
      rut,
      next: z.string().optional(),
    })
    .refine(passwordsMatch, MISMATCH);
export type RegisterInput = z.infer<ReturnType<typeof registerForm>>;

export const profileForm = (today: string) =>
  z.object({ nombre, telefono, fecha_nacimiento: birthDate(today), comuna, rut });
export type ProfileInput = z.infer<ReturnType<typeof profileForm>>;

export const resetRequestForm = z.object({ email });

export const newPasswordForm = z
  .object({ password: newPassword, password2: repeatPassword })
  .refine(passwordsMatch, MISMATCH);

export const changePasswordForm = z
  .object({
    password_actual: z
      .string({ error: 'Ingresa tu contraseña actual.' })
      .min(1, 'Ingresa tu contraseña actual.')
      .max(1000),
    password: newPassword,
    password2: repeatPassword,
  })
  .refine(passwordsMatch, MISMATCH);
