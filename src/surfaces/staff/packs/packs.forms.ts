import { z } from 'zod';
import {
  checkbox,
  idList,
  money,
  optionalId,
  optionalText,
  requiredText,
  text,
  wholeNumber,
} from '../../../lib/fields';

/** A pack product: the shop's fields plus its terms; no categories and no workshops covers them all. */
export const packProductForm = z.object({
  nombre: requiredText(150, 'Escribe el nombre del bono.'),
  descripcion: optionalText(5000),
  precio: money({ message: 'Escribe el precio en pesos, sin decimales: por ejemplo 90000 o 90.000.' }),
  creditos: wholeNumber(1, 500, 'Escribe cuántos créditos trae: un número entre 1 y 500.'),
  dias: wholeNumber(1, 1830, 'Escribe cuántos días dura: un número entre 1 y 1830.'),
  stock: wholeNumber(0, 1_000_000, 'Escribe cuántos quedan a la venta: un número entero, cero o más.'),
  online: checkbox(),
  disponible: checkbox(),
  categorias: idList(),
  talleres: idList(),
});

export type PackProductFormData = z.infer<typeof packProductForm>;

/** A manual adjustment: a signed number of credits and why. */
export const adjustmentForm = z.object({
  creditos: text()
    .pipe(z.string().regex(/^[+-]?\d{1,3}$/, 'Escribe los créditos a sumar (5) o a quitar (-2).'))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .refine((n) => n !== 0, 'El ajuste no puede ser cero.'),
    ),
  motivo: requiredText(300, 'Escribe el motivo del ajuste.'),
});

/** A company seat bundle assigned by staff. */
export const bundleForm = z.object({
  empresa: optionalId().pipe(z.number({ error: 'Elige la empresa.' })),
  cupos: wholeNumber(1, 10_000, 'Escribe cuántos cupos: un número entre 1 y 10.000.'),
  dias: wholeNumber(1, 1830, 'Escribe cuántos días dura: un número entre 1 y 1830.'),
  precio: money({ message: 'Escribe lo que pagó la empresa en pesos (0 si no aplica).' }),
  contacto: optionalId(),
  nota: optionalText(300),
});

/** The list's "export the selected packs". */
export const packBulkForm = z.object({
  accion: z.enum(['exportar'], { error: 'Elige una acción.' }),
  ids: idList().pipe(
    z
      .array(z.number())
      .min(1, 'Selecciona al menos un bono de la lista.')
      .max(500, 'Selecciona como máximo 500 filas.'),
  ),
  formato: z.enum(['csv', 'xlsx']).optional().catch(undefined),
});
