import { z } from 'zod';
import { id } from '../../../http/routes';

/** The door page: a name search, and the enrollment whose result is shown on top. */
export const doorQuery = z.object({
  q: z.string().max(100).optional().default(''),
  inscripcion: id.optional().catch(undefined),
});

/**
 * A check-in: what the camera read (`codigo`) or the person chosen from the list (`inscripcion`).
 * A code of any shape is accepted here; whether it is a ticket is the service's question.
 */
export const checkInForm = z
  .object({
    codigo: z.string().max(500).optional(),
    inscripcion: id.optional(),
  })
  .refine((f) => f.codigo !== undefined || f.inscripcion !== undefined, {
    message: 'Escanea un código o elige a una persona de la lista.',
    path: ['codigo'],
  });

export const doorPaymentForm = z.object({
  /** One per rendered form: a resubmitted form records one payment. */
  clave: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: recarga la página.'),
});

export const doorEnrollmentParams = z.object({ id, enrollmentId: id });
