import { z } from 'zod';
import { text } from '../../../lib/fields';

/** The simulated payment form: "pagar" (success) or "fallar" (a declined card). Missing = pagar. */
export const simulatedPaymentForm = z.object({
  accion_pago: text()
    .transform((v) => v || 'pagar')
    .pipe(z.enum(['pagar', 'fallar'], { message: 'Acción de pago no válida.' })),
});
