import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../db/schema';
import { optionalText, requiredText } from '../../../lib/fields';

/** The event checkboxes arrive as repeated `eventos` keys; unknown values are dropped. */
const eventList = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]))
  .transform((list) => WEBHOOK_EVENT_TYPES.filter((t) => list.includes(t)))
  .pipe(z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Elige al menos un evento.'));

export const newEndpointForm = z.object({
  url: requiredText(500, 'Escribe la dirección que recibirá los eventos.'),
  descripcion: optionalText(200),
  eventos: eventList,
});

export type NewEndpointForm = { url: string; descripcion: string | null; eventos: WebhookEventType[] };
