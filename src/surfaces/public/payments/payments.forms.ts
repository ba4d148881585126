import { z } from 'zod';

/** The simulated payment form: "pagar" (success) or "fallar" (a declined card). Missing = pagar. */
export const simulatedPaymentForm = z.object({
  accion_pago: z.enum(['pagar', 'fallar'], { message: 'Acción de pago no válida.' }).default('pagar'),
});
