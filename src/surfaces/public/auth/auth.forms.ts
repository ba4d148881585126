import { z } from 'zod';
import { localPath } from '../../../http/routes';
import { password, requiredText } from '../../../lib/fields';

export const loginForm = z.object({
  username: requiredText(254, 'Ingresa tu usuario o correo.'),
  password: password('Ingresa tu contraseña.', 1000),
  next: localPath,
});
