import { z } from 'zod';
import { USER_ROLES } from '../../../db/schema';
import { EXPORT_FORMATS } from '../../../lib/list-query';

export const roleForm = z.object({
  role: z.enum(USER_ROLES, { error: 'Elige un rol válido.' }),
});

export const activeForm = z.object({
  activo: z.enum(['1', '0'], { error: 'Elige activar o desactivar.' }).transform((v) => v === '1'),
});

export const userListQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  rol: z.enum(USER_ROLES).optional().catch(undefined),
  page: z.string().optional(),
  formato: z.enum(EXPORT_FORMATS).optional().catch(undefined),
});
