import { z } from 'zod';
import { optionalPhone, optionalRut, optionalText, requiredText } from '../../lib/fields';

export const companyForm = z.object({
  razon_social: requiredText(200, 'Escribe la razón social.'),
  rut: optionalRut(),
  direccion: optionalText(255),
  telefono: optionalPhone(),
});

export type CompanyFormData = z.infer<typeof companyForm>;
