import { z } from 'zod';
import { email, optionalPhone, optionalText, requiredText, text } from '../../../lib/fields';
import { normalizeRut } from '../../../lib/rut';

const RUT_MESSAGE = 'El RUT no es válido: revisa los números y el dígito verificador.';

/** A facilitator's record: the RUT is required (the boleta de honorarios is issued to it). */
export const facilitatorForm = z.object({
  nombre: requiredText(150, 'Escribe el nombre del facilitador.'),
  rut: text()
    .pipe(z.string().min(1, 'Escribe el RUT del facilitador.'))
    .refine((v) => normalizeRut(v) !== null, RUT_MESSAGE)
    .transform((v) => normalizeRut(v) ?? v),
  correo: z.union([
    text()
      .pipe(z.literal(''))
      .transform(() => null),
    email(),
  ]),
  telefono: optionalPhone(),
  bio: optionalText(3000),
});
export type FacilitatorFormData = z.infer<typeof facilitatorForm>;
