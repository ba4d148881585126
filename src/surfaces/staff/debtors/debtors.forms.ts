import { z } from 'zod';
import { idList } from '../../../lib/fields';

/**
 * The old debtors screen posted its bulk actions to the list itself, with its own field names
 * (`inscripcion_seleccionada`, `action`); the new one names them `ids` and `accion`.
 */
export const legacyBulkForm = z
  .object({
    inscripcion_seleccionada: z.unknown().optional(),
    ids: z.unknown().optional(),
    action: z.unknown().optional(),
    accion: z.unknown().optional(),
  })
  .transform((form) => ({
    ids: idList().parse(form.inscripcion_seleccionada ?? form.ids),
    cancel: form.action === 'enviar_cancelacion' || form.accion === 'enviar_cancelacion',
  }));

/** Sending the previewed reminder; the key makes a resubmitted form queue nothing twice. */
export const reminderForm = z.object({
  clave: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: vuelve a seleccionar.'),
  ids: idList().pipe(z.array(z.number()).min(1, 'No seleccionaste ninguna inscripción.')),
});
