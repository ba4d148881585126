import { z } from 'zod';
import { optionalText, requiredText } from '../../../lib/fields';

export const interestForm = z.object({
  nombre: requiredText(100, 'Escribe el nombre del interés.'),
  descripcion: optionalText(2000),
});
