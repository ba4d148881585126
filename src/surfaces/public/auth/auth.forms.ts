import { z } from 'zod';
import { password, requiredText, text } from '../../../lib/fields';

export const loginForm = z.object({
  username: requiredText(254, 'Ingresa tu usuario o correo.'),
  password: password('Ingresa tu contraseña.', 1000),
  next: text(),
});
