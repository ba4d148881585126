import { z } from 'zod';
import { MODALITIES, PAYMENT_METHODS } from '../../db/schema';
import { parseClp } from '../../lib/money';
import { idList, optionalText, requiredText } from '../backoffice/form-fields';

const text = () =>
  z
    .unknown()
    .transform((v) =>
      typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '',
    );

/** A whole number typed in a form, within bounds; the message names the field's rule. */
const wholeNumber = (min: number, max: number, message: string) =>
  text().pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message)),
  );

const optionalWholeNumber = (min: number, max: number, message: string) =>
  text().pipe(
    z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .regex(/^\d{1,6}$/, message)
        .transform(Number)
        .pipe(z.number().int().min(min, message).max(max, message)),
    ]),
  );

const amountClp = (message: string) =>
  text()
    .transform((v) => parseClp(v))
    .pipe(z.number({ message }).int(message).min(0, message).max(100_000_000, message));

const validDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const checkbox = () => z.unknown().transform((v) => v === 'on' || v === '1' || v === 'true');

/** The workshop form (create and edit); field names are the form's, in Spanish. */
export const workshopForm = z
  .object({
    nombre: requiredText(200, 'Escribe el nombre del taller.'),
    descripcion: requiredText(5000, 'Escribe una descripción del taller.'),
    categoria: text().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null)),
    fecha: text().refine(validDate, 'Elige la fecha del taller.'),
    hora: text().refine(
      (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
      'Escribe la hora de inicio, por ejemplo 10:30.',
    ),
    duracion: wholeNumber(1, 1440, 'La duración va en minutos, entre 1 y 1440.'),
    modalidad: text().pipe(z.enum(MODALITIES, 'Elige la modalidad.')),
    lugar: optionalText(255),
    enlace: optionalText(500).refine(
      (v) => v === null || /^https?:\/\/[^\s]+$/i.test(v),
      'El enlace debe empezar con https:// (por ejemplo https://meet.google.com/…).',
    ),
    precio: amountClp('Escribe el precio en pesos, sin decimales (0 si es gratuito).'),
    cupos: wholeNumber(1, 10_000, 'Los cupos deben ser un número entre 1 y 10.000.'),
    activo: checkbox(),
    plazo_anulacion: wholeNumber(0, 720, 'El plazo para anular va en horas, entre 0 y 720.'),
    vencimiento_impago: optionalWholeNumber(
      1,
      720,
      'El plazo para pagar va en horas, entre 1 y 720 (vacío = no vence).',
    ),
  })
  // Checked even when other fields fail (zod skips object refinements otherwise), so every
  // message shows at once.
  .refine((v) => !(v.modalidad === 'PRESENCIAL' && !v.lugar), {
    path: ['lugar'],
    message: 'Indica el lugar del taller presencial.',
    when: () => true,
  });
export type WorkshopFormData = z.infer<typeof workshopForm>;

export const paymentForm = z.object({
  monto: text()
    .transform((v) => (v === '' ? null : parseClp(v)))
    .refine((v) => v === null || v > 0, 'Escribe el monto en pesos, sin decimales.'),
  metodo: text().pipe(
    z.enum(
      PAYMENT_METHODS.filter((m) => m !== 'simulado') as ['efectivo', 'transferencia', 'tarjeta'],
      'Elige cómo pagó: efectivo, transferencia o tarjeta.',
    ),
  ),
  referencia: optionalText(100),
  /** One token per rendered form: a resubmitted form records one payment, two forms record two. */
  clave: text().pipe(z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: recarga la página.')),
});

export const enrollForm = z.object({
  cliente: text().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, 'Elige a quién inscribir.')
      .transform(Number),
  ),
});

export const attendanceForm = z.object({
  ids: idList(),
  presente: text().transform((v) => v !== '0'),
});

export const confirmForm = z.object({
  confirmar: text().refine((v) => v === 'si', 'Marca la casilla para confirmar.'),
  nota: optionalText(1000),
});
