import { z } from 'zod';
import { date, text } from '../../../lib/fields';

/** Closing a period: its first and last day (Santiago), both included. */
export const closePeriodForm = z.object({
  desde: date('Elige el primer día del período.'),
  hasta: date('Elige el último día del período.'),
});

/** The boleta's withholding rate as staff read it: "15,25" (percent, up to two decimals). */
export const withholdingForm = z.object({
  retencion: text()
    .refine(
      (v) => /^\d{1,2}([.,]\d{1,2})?\s*%?$/.test(v),
      'Escribe la tasa en porcentaje, por ejemplo 15,25.',
    )
    .transform((v) => {
      const [whole, decimals = ''] = v.replace('%', '').trim().split(/[.,]/);
      return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
    })
    .pipe(z.number().max(5000, 'La tasa no puede pasar de 50 %.')),
});
