import { z } from 'zod';
import { idList, requiredText, text } from '../../../lib/fields';
import { parseClp } from '../../../lib/money';

/** A staff adjustment: pesos to add ("5.000") or take ("-5.000"), and why. */
export const giftCardAdjustmentForm = z.object({
  monto: text().transform((v, ctx) => {
    const negative = v.startsWith('-');
    const amount = parseClp(negative ? v.slice(1) : v);
    if (amount === null || amount === 0 || amount > 1_000_000) {
      ctx.addIssue({
        code: 'custom',
        message: 'Escribe los pesos a sumar (5.000) o a quitar (-5.000), distintos de cero.',
      });
      return z.NEVER;
    }
    return negative ? -amount : amount;
  }),
  motivo: requiredText(300, 'Escribe el motivo del ajuste.'),
});

export const giftCardBulkForm = z.object({
  accion: z.enum(['exportar'], { error: 'Elige una acción.' }),
  ids: idList().pipe(
    z
      .array(z.number())
      .min(1, 'Selecciona al menos una tarjeta de la lista.')
      .max(500, 'Selecciona como máximo 500 filas.'),
  ),
  formato: z.enum(['csv', 'xlsx']).optional().catch(undefined),
});
