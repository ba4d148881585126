import { z } from 'zod';
import { CUSTOMER_TYPES } from '../../../db/schema';
import type { Audience } from '../../../domain/messages';
import { requiredText } from '../../../lib/fields';
import { filter } from '../../../lib/list-query';

export const messageForm = z.object({
  asunto: requiredText(200, 'Escribe el asunto del correo.'),
  mensaje: requiredText(20_000, 'Escribe el mensaje.'),
});

/** The audience from a query string or a form (the same names in both: state kept in the URL). */
export function parseAudience(raw: unknown): Audience {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    customerIds: filter.ids(5000)(r.cliente_id),
    interestId: filter.id()(r.interes),
    workshopId: filter.id()(r.taller),
    customerType: filter.oneOf(CUSTOMER_TYPES)(r.tipo),
  };
}

/** The audience as hidden fields / query parameters. */
export function audienceParams(a: Audience): [string, string][] {
  return [
    ...a.customerIds.map((id): [string, string] => ['cliente_id', String(id)]),
    ...(a.interestId ? [['interes', String(a.interestId)] as [string, string]] : []),
    ...(a.workshopId ? [['taller', String(a.workshopId)] as [string, string]] : []),
    ...(a.customerType ? [['tipo', a.customerType] as [string, string]] : []),
  ];
}

/** Ready-made messages staff can start from (every placeholder in them is replaced). */
export const MESSAGE_TEMPLATES = {
  novedades: {
    label: 'Novedades de talleres',
    subject: 'Nuevos talleres para ti, [Nombre]',
    body: 'Hola [Nombre]:\n\nTenemos nuevos talleres de [Intereses] que creemos que te van a gustar. Revisa las fechas y cupos en [Link del Catálogo].\n\n¡Te esperamos!',
  },
  recordatorio: {
    label: 'Recordatorio de pago (inscritos)',
    subject: 'Recordatorio de pago: [Taller]',
    body: 'Hola [Nombre]:\n\nTe recordamos que tu inscripción en [Taller] ([Fecha del Taller]) está en estado [Estado], con un saldo de [Saldo]. Puedes pagar aquí: [Link de Pago]\n\nSi ya pagaste, ignora este mensaje.',
  },
  info_taller: {
    label: 'Información del taller (inscritos)',
    subject: 'Información sobre [Taller]',
    body: 'Hola [Nombre]:\n\nTe escribimos por tu inscripción en [Taller], el [Fecha del Taller].\n\n',
  },
} as const;
export type MessageTemplateKey = keyof typeof MESSAGE_TEMPLATES;
