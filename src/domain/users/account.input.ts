import { z } from 'zod';
import {
  checkbox,
  email as emailField,
  optionalBirthDate,
  optionalRut,
  optionalText,
  password,
  phone,
  requiredText,
  text,
} from '../../lib/fields';

/**
 * Sign-up, profile and password forms. Field names are the Spanish ones the old system's forms
 * and scripts used. Optional fields arrive as "" from the browser and become null.
 */

const nombre = requiredText(150, 'Ingresa tu nombre completo.').pipe(
  z.string().min(2, 'Ingresa tu nombre completo.'),
);

const telefono = phone('Ingresa tu teléfono.', 'Ingresa un teléfono válido, por ejemplo +56912345678.');

const comuna = optionalText(100);

const newPassword = password('Ingresa una contraseña.');
const repeatPassword = password('Repite la contraseña.');
const passwordsMatch = (v: { password: string; password2: string }) => v.password === v.password2;
const MISMATCH = { path: ['password2'], message: 'Las contraseñas no coinciden.' };

export const registerForm = (today: () => string) =>
  z
    .object({
      nombre,
      email: emailField('Ingresa tu correo.', 'Ingresa un correo válido, por ejemplo nombre@correo.cl.'),
      telefono,
      password: newPassword,
      password2: repeatPassword,
      fecha_nacimiento: optionalBirthDate(today),
      comuna,
      rut: optionalRut(),
      /** "Quiero recibir novedades y talleres por correo": unticked (absent) unless the visitor ticks it. */
      novedades: checkbox(),
      next: text(),
    })
    .refine(passwordsMatch, MISMATCH);
export type RegisterInput = z.infer<ReturnType<typeof registerForm>>;

export const profileForm = (today: () => string) =>
  z.object({
    nombre,
    telefono,
    fecha_nacimiento: optionalBirthDate(today),
    comuna,
    rut: optionalRut(),
    novedades: checkbox(),
  });
export type ProfileInput = z.infer<ReturnType<typeof profileForm>>;

export const resetRequestForm = z.object({
  email: emailField('Ingresa tu correo.', 'Ingresa un correo válido, por ejemplo nombre@correo.cl.'),
});

export const newPasswordForm = z
  .object({ password: newPassword, password2: repeatPassword })
  .refine(passwordsMatch, MISMATCH);

export const changePasswordForm = z
  .object({
    password_actual: password('Ingresa tu contraseña actual.', 1000),
    password: newPassword,
    password2: repeatPassword,
  })
  .refine(passwordsMatch, MISMATCH);
