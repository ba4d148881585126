import { z } from 'zod';
import { USER_ROLES } from '../../../db/schema';

export const roleForm = z.object({
  role: z.enum(USER_ROLES, { error: 'Elige un rol válido.' }),
});

export const activeForm = z.object({
  activo: z.enum(['1', '0'], { error: 'Elige activar o desactivar.' }).transform((v) => v === '1'),
});
