import { z } from 'zod';
import { CUSTOMER_TYPES } from '../../../db/schema';
import type { Audience } from '../../../domain/messages';
import { requiredText } from '../../../lib/fields';
import { filter, filterField } from '../../../lib/list-query';

/**
 * Ready-made messages staff can start from (every placeholder in them is replaced). Only the
 * message itself: the e-mail already greets the person ("Hola, Valentina") and signs off ("Con
 * cariño," and the sender), so a "Hola [Nombre]:" here was said twice.
 */
export const MESSAGE_TEMPLATES = {
  novedades: {
    label: 'Novedades de talleres',
    subject: 'Nuevos talleres para ti, [Nombre]',
    body: 'Tenemos nuevos talleres de [Intereses] que creemos que te van a gustar. Revisa las fechas y cupos en [Link del Catálogo].\n\n¡Te esperamos!',
  },
  recordatorio: {
    label: 'Recordatorio de pago (inscritos)',
    subject: 'Recordatorio de pago: [Taller]',
    body: 'Te recordamos que tu inscripción en [Taller] ([Fecha del Taller]) está en estado [Estado], con un saldo de [Saldo]. Puedes pagar aquí: [Link de Pago]\n\nSi ya pagaste, ignora este mensaje.',
  },
  info_taller: {
    label: 'Información del taller (inscritos)',
    subject: 'Información sobre [Taller]',
    body: 'Te escribimos por tu inscripción en [Taller], el [Fecha del Taller].\n\n',
  },
} as const;
const TEMPLATE_KEYS = Object.keys(MESSAGE_TEMPLATES) as (keyof typeof MESSAGE_TEMPLATES)[];

/**
 * The audience, with the same names in a query string and a form (state kept in the URL); none of
 * its fields refuses a value, an unusable one is no filter.
 */
const audienceFields = {
  cliente_id: filterField(filter.ids(5000)),
  interes: filterField(filter.id()),
  taller: filterField(filter.id()),
  tipo: filterField(filter.oneOf(CUSTOMER_TYPES)),
};

const audienceSchema = z.object(audienceFields);

const audienceOf = (a: z.output<typeof audienceSchema>): Audience => ({
  customerIds: a.cliente_id,
  interestId: a.interes,
  workshopId: a.taller,
  customerType: a.tipo,
});

/**
 * The audience of a form as typed (a form shown again): a repeated field comes joined by commas,
 * which the id list reads as a list.
 */
export const typedAudience = (values: Record<string, string>): Audience =>
  audienceOf(audienceSchema.parse(values));

/** The audience as hidden fields / query parameters. */
export function audienceParams(a: Audience): [string, string][] {
  return [
    ...a.customerIds.map((id): [string, string] => ['cliente_id', String(id)]),
    ...(a.interestId ? [['interes', String(a.interestId)] as [string, string]] : []),
    ...(a.workshopId ? [['taller', String(a.workshopId)] as [string, string]] : []),
    ...(a.customerType ? [['tipo', a.customerType] as [string, string]] : []),
  ];
}

const messageFields = {
  asunto: requiredText(200, 'Escribe el asunto del correo.'),
  mensaje: requiredText(20_000, 'Escribe el mensaje.'),
};

/** The compose page's query: whom to write to, and a ready-made message to start from. */
export const composeQuery = z
  .object({ ...audienceFields, plantilla: filterField(filter.oneOf(TEMPLATE_KEYS)) })
  .transform((q) => ({
    audience: audienceOf(q),
    template: q.plantilla ? MESSAGE_TEMPLATES[q.plantilla] : null,
  }));

/** The compose form: previewed for its first recipient, or sent to all (`paso=enviar`). */
export const composeForm = z
  .object({ ...audienceFields, ...messageFields, paso: filterField(filter.oneOf(['enviar'])) })
  .transform((f) => ({
    audience: audienceOf(f),
    message: { subject: f.asunto, body: f.mensaje },
    send: f.paso === 'enviar',
  }));

/** The old preview endpoint's form; `sample_name` is only said back when nobody is in the audience. */
export const previewForm = z
  .object({ ...audienceFields, ...messageFields, sample_name: filterField(filter.text(100)) })
  .transform((f) => ({
    audience: audienceOf(f),
    message: { subject: f.asunto, body: f.mensaje },
    sampleName: f.sample_name || 'Cliente Ejemplo',
  }));
