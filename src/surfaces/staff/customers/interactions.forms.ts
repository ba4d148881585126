import { z } from 'zod';
import { INTERACTION_KINDS } from '../../../db/schema';
import { optionalText, requiredText } from '../../../lib/fields';

export const interactionForm = z.object({
  tipo: z.enum(INTERACTION_KINDS, { error: 'Elige el tipo de contacto.' }),
  resumen: requiredText(2000, 'Escribe un resumen de la conversación.'),
  seguimiento: optionalText(10).refine(
    (v) =>
      v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())),
    'Escribe una fecha válida (AAAA-MM-DD).',
  ),
});
