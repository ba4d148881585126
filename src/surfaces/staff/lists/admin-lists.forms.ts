import { z } from 'zod';
import { STAFF_PAYMENT_METHODS } from '../../../domain/vocabulary';
import {
  checkbox,
  idList,
  money,
  optionalId,
  optionalText,
  requiredText,
  wholeNumber,
} from '../../../lib/fields';

const selection = (message: string) =>
  idList().pipe(z.array(z.number()).min(1, message).max(500, 'Selecciona como máximo 500 filas.'));
const format = () => z.enum(['csv', 'xlsx']).optional().catch(undefined);
/** A one-off token rendered into a form (see BulkPaymentInput.submission). */
const submissionToken = () =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' && /^[A-Za-z0-9-]{16,64}$/.test(v) ? v : null));

export const enrollmentBulkForm = z.object({
  accion: z.enum(['pagar', 'correo', 'exportar'], { error: 'Elige una acción.' }),
  ids: selection('Selecciona al menos una inscripción de la lista.'),
  metodo: z.enum(STAFF_PAYMENT_METHODS).optional().catch(undefined),
  envio: submissionToken(),
  formato: format(),
});

export const paymentBulkForm = z.object({
  accion: z.enum(['exportar'], { error: 'Elige una acción.' }),
  ids: selection('Selecciona al menos un pago de la lista.'),
  formato: format(),
});

export const saleBulkForm = z.object({
  accion: z.enum(['exportar'], { error: 'Elige una acción.' }),
  ids: selection('Selecciona al menos un pedido de la lista.'),
  formato: format(),
});

export const productBulkForm = z.object({
  accion: z.enum(['desactivar', 'activar', 'exportar'], { error: 'Elige una acción.' }),
  ids: selection('Selecciona al menos un producto de la lista.'),
  formato: format(),
});

export const salePaymentForm = z.object({
  metodo: z.enum(STAFF_PAYMENT_METHODS, { error: 'Elige el medio de pago.' }),
  referencia: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(z.string().max(100, 'Escribe como máximo 100 caracteres.')),
});

export const productForm = z.object({
  nombre: requiredText(200, 'Escribe el nombre del producto.'),
  descripcion: optionalText(5000),
  categoria: optionalId(),
  precio: money({ message: 'Escribe el precio en pesos, sin decimales: por ejemplo 15000 o 15.000.' }),
  stock: wholeNumber(0, 1_000_000, 'Escribe el stock como un número entero, cero o más.'),
  umbral: wholeNumber(0, 1_000_000, 'Escribe el umbral de stock bajo como un número entero, cero o más.'),
  disponible: checkbox(),
});

export type ProductFormData = z.infer<typeof productForm>;
