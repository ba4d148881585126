import { z } from 'zod';

export const loginForm = z.object({
  username: z.string().trim().min(1, 'Ingresa tu usuario o correo.').max(254),
  password: z.string().min(1, 'Ingresa tu contraseña.').max(1000),
  next: z.string().optional(),
});
