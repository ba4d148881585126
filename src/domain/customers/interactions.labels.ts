import type { InteractionKind } from '../../db/schema';

export const INTERACTION_LABELS: Record<InteractionKind, string> = {
  call: 'Llamada',
  whatsapp: 'WhatsApp',
  email: 'Correo',
  meeting: 'Reunión',
  note: 'Nota',
};
