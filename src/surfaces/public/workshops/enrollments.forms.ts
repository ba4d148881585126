import { z } from 'zod';
import { companionFields, optionalPhone } from '../../../lib/fields';

/**
 * The enrollment form. `nombre` and `email` are the old form's field names: accepted and ignored
 * (the account's customer record is used, so nobody can enroll someone else by typing an e-mail).
 * A phone typed here is stored the way sign-up stores it ("+56912345678").
 */
export const enrollForm = z.object({
  telefono: optionalPhone(),
  /** Which button was pressed: pay later with money (no name sent), one pack credit, or a company seat. */
  pago: z.enum(['bono', 'empresa']).optional(),
  ...companionFields,
});
