import { z } from 'zod';

/**
 * The enrollment form. `nombre` and `email` are the old form's field names: accepted and ignored
 * (the account's customer record is used, so nobody can enroll someone else by typing an e-mail).
 */
export const enrollForm = z.object({
  nombre: z.string().optional(),
  email: z.string().optional(),
  telefono: z
    .string()
    .trim()
    .max(20, { message: 'El teléfono puede tener hasta 20 caracteres.' })
    .refine((v) => v === '' || /^\+?[\d\s()-]{8,20}$/.test(v), {
      message: 'Escribe un teléfono válido, por ejemplo +56 9 1234 5678.',
    })
    .optional(),
});
