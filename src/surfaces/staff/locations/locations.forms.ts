import { z } from 'zod';
import { idList, optionalText, requiredText } from '../../../lib/fields';

export const locationForm = z.object({
  nombre: requiredText(100, 'Escribe el nombre de la sede.'),
  direccion: requiredText(200, 'Escribe la dirección de la sede.'),
  mapa: optionalText(500).refine(
    (v) => v === null || /^https:\/\/[^\s]+$/i.test(v),
    'El enlace del mapa debe empezar con https:// (por ejemplo https://maps.app.goo.gl/…).',
  ),
  salas: optionalText(2000),
});
export type LocationFormData = z.infer<typeof locationForm>;

export const locationStaffForm = z.object({ equipo: idList() });
