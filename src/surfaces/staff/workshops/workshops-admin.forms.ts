import { z } from 'zod';
import { MODALITIES } from '../../../db/schema';
import { STAFF_PAYMENT_METHODS } from '../../../domain/vocabulary';
import {
  checkbox,
  companionFields,
  date,
  idList,
  money,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredText,
  text,
  wholeNumber,
} from '../../../lib/fields';

/** The workshop form (create and edit); field names are the form's, in Spanish. */
export const workshopForm = z
  .object({
    nombre: requiredText(200, 'Escribe el nombre del taller.'),
    descripcion: requiredText(5000, 'Escribe una descripción del taller.'),
    categoria: text().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null)),
    fecha: date('Elige la fecha del taller.'),
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
    precio: money({
      message: 'Escribe el precio en pesos, sin decimales: por ejemplo 45000 o 45.000 (0 si es gratuito).',
    }),
    cupos: wholeNumber(1, 10_000, 'Los cupos deben ser un número entre 1 y 10.000.'),
    activo: checkbox(),
    plazo_anulacion: wholeNumber(0, 720, 'El plazo para anular va en horas, entre 0 y 720.'),
    vencimiento_impago: optionalWholeNumber(
      1,
      720,
      'El plazo para pagar va en horas, entre 1 y 720 (vacío = no vence).',
    ),
    // What the public page lists under "Qué incluye", "Qué traer" and "Te guía".
    incluye: optionalText(2000),
    traer: optionalText(2000),
    facilitador: optionalText(200),
    facilitador_id: optionalId(),
    // The location (sede); blank keeps the stored one (the default location for a new workshop).
    sede: optionalId(),
  })
  // Checked even when other fields fail (zod skips object refinements otherwise), so every
  // message shows at once.
  .refine((v) => !(v.modalidad === 'PRESENCIAL' && !v.lugar), {
    path: ['lugar'],
    message: 'Indica el lugar del taller presencial.',
    when: () => true,
  });
export type WorkshopFormData = z.infer<typeof workshopForm>;

/**
 * A payment or refund staff register. The amount is always explicit: a blank or unreadable amount is
 * a field error, never "the whole balance" (it used to be: "abc" or "-5" recorded everything owed).
 * Settling the whole balance is its own choice, `saldo_completo=1` (a separate button).
 */
export const paymentForm = z
  .object({
    monto: z.unknown().optional(),
    saldo_completo: checkbox(),
    metodo: text().pipe(z.enum(STAFF_PAYMENT_METHODS, 'Elige cómo pagó: efectivo, transferencia o tarjeta.')),
    referencia: optionalText(100),
    /** One token per rendered form: a resubmitted form records one payment, two forms record two. */
    clave: text().pipe(
      z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: recarga la página.'),
    ),
  })
  .transform((form, ctx) => {
    if (form.saldo_completo) return { ...form, monto: null };
    const amount = money().safeParse(form.monto);
    if (!amount.success || amount.data <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['monto'],
        message: amount.success
          ? 'El monto debe ser mayor que cero.'
          : (amount.error.issues[0]?.message ?? 'Escribe el monto.'),
      });
      return z.NEVER;
    }
    return { ...form, monto: amount.data };
  });

export const enrollForm = z.object({
  cliente: text().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, 'Elige a quién inscribir.')
      .transform(Number),
  ),
  ...companionFields,
});

export const attendanceForm = z.object({
  ids: idList().pipe(z.array(z.number()).min(1, 'Selecciona al menos una persona de la lista.')),
  presente: text().transform((v) => v !== '0'),
});

export const confirmForm = z.object({
  confirmar: text().refine((v) => v === 'si', 'Marca la casilla para confirmar.'),
  nota: optionalText(1000),
});
