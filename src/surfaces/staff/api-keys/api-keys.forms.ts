import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '../../../db/schema';
import { date, requiredText } from '../../../lib/fields';

/** Create a key: a name, the scopes ticked (`permisos`, repeated) and the last day it works. */
export const apiKeyForm = z.object({
  nombre: requiredText(120, 'Escribe para qué es la clave, por ejemplo «Sitio web».'),
  permisos: z
    .unknown()
    .optional()
    .transform((v) => [v ?? []].flat().filter((s): s is ApiScope => API_SCOPES.includes(s as ApiScope)))
    .pipe(z.array(z.enum(API_SCOPES)).min(1, 'Elige al menos un permiso.')),
  vence: date('Elige el último día en que sirve la clave.'),
});
