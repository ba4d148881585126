import { z } from 'zod';
import { DISCOUNT_KINDS, DISCOUNT_SCOPES } from '../../../db/schema';
import {
  checkbox,
  choice,
  idList,
  isCalendarDate,
  optionalText,
  optionalWholeNumber,
  text,
  wholeNumber,
} from '../../../lib/fields';
import { parseClp } from '../../../lib/money';

const optionalDate = (message: string) =>
  text()
    .refine((v) => v === '' || isCalendarDate(v), message)
    .transform((v) => (v === '' ? null : v));

/** The staff form of a discount code. Codes are letters, digits and dashes, as people dictate them. */
export const discountCodeForm = z.object({
  codigo: text()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .min(3, 'Escribe el código (de 3 a 40 letras, números o guiones).')
        .max(40, 'Escribe el código (de 3 a 40 letras, números o guiones).')
        .regex(/^[A-Z0-9-]+$/, 'Usa solo letras sin tilde, números y guiones, sin espacios.'),
    ),
  descripcion: optionalText(200).transform((v) => v ?? ''),
  tipo: choice(DISCOUNT_KINDS, 'Elige si descuenta un porcentaje o un monto fijo.'),
  valor: wholeNumber(1, 100_000_000, 'Escribe el descuento como un número entero mayor que cero.'),
  valido_desde: optionalDate('Escribe una fecha válida o déjala en blanco.'),
  valido_hasta: optionalDate('Escribe una fecha válida o déjala en blanco.'),
  usos_max: optionalWholeNumber(1, 1_000_000, 'Escribe un número entero mayor que cero o déjalo en blanco.'),
  usos_por_cliente: optionalWholeNumber(
    1,
    1_000,
    'Escribe un número entero mayor que cero o déjalo en blanco.',
  ),
  minimo: text().transform((v, ctx) => {
    if (v === '') return 0;
    const amount = parseClp(v);
    if (amount === null || amount > 100_000_000) {
      ctx.addIssue({
        code: 'custom',
        message: 'Escribe el mínimo en pesos, sin decimales, o déjalo en blanco.',
      });
      return z.NEVER;
    }
    return amount;
  }),
  alcance: choice(DISCOUNT_SCOPES, 'Elige a qué se aplica el código.'),
  talleres: idList(),
  categorias: idList(),
  activo: checkbox(),
});

export type DiscountCodeFormData = z.infer<typeof discountCodeForm>;
