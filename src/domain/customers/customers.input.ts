import { z } from 'zod';
import { CUSTOMER_TYPES, LIFECYCLE_STAGES } from '../../db/schema';
import {
  choice,
  idList,
  optionalBirthDate,
  optionalId,
  optionalPhone,
  optionalRut,
  optionalText,
  requiredText,
} from '../../lib/fields';
import { normalizeEmail } from '../../lib/text';

export const customerForm = (today: () => string) =>
  z.object({
    nombre: requiredText(150, 'Escribe el nombre completo.'),
    email: requiredText(254, 'Escribe el correo.')
      .pipe(z.email('Escribe un correo válido, por ejemplo nombre@dominio.cl.'))
      .transform(normalizeEmail),
    telefono: optionalPhone(),
    fecha_nacimiento: optionalBirthDate(today),
    comuna: optionalText(100),
    rut: optionalRut(),
    tipo: choice(CUSTOMER_TYPES, 'Elige el tipo de cliente.'),
    empresa: optionalId(),
    observaciones: optionalText(5000),
    intereses: idList(),
  });

export type CustomerFormData = z.infer<ReturnType<typeof customerForm>>;

export const BULK_ACTIONS = ['correo', 'etapa', 'exportar'] as const;

export const bulkForm = z.object({
  accion: z.enum(BULK_ACTIONS, { error: 'Elige una acción.' }),
  ids: idList().pipe(z.array(z.number()).min(1, 'Selecciona al menos un cliente de la lista.')),
  etapa: z.enum(LIFECYCLE_STAGES).optional().catch(undefined),
  asunto: optionalText(200),
  mensaje: optionalText(10_000),
  formato: z.enum(['csv', 'xlsx']).optional().catch(undefined),
});

export const mergeForm = z.object({
  otro: z
    .string({ error: 'Elige el cliente duplicado.' })
    .regex(/^\d{1,9}$/, 'Elige el cliente duplicado.')
    .transform(Number),
  conservar: z.enum(['este', 'otro'], { error: 'Elige qué ficha se conserva.' }),
});
