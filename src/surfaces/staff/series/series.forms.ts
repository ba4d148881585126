import { z } from 'zod';
import { CERTIFICATE_MINIMUM_MESSAGE } from '../../../domain/series';
import {
  date,
  idList,
  money,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredText,
  text,
  wholeNumber,
} from '../../../lib/fields';

const time = text().refine(
  (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
  'Escribe la hora de inicio, por ejemplo 19:00.',
);

/** What every session of a series is (the template); edited alone once the series exists. */
const template = {
  nombre: requiredText(120, 'Escribe el nombre de la serie.'),
  descripcion: requiredText(5000, 'Escribe una descripción de la serie.'),
  categoria: text().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null)),
  precio: money({
    message: 'Escribe el precio de cada sesión en pesos, sin decimales: por ejemplo 12000 o 12.000.',
  }),
  cupos: wholeNumber(1, 10_000, 'Los cupos deben ser un número entre 1 y 10.000.'),
  duracion: wholeNumber(1, 1440, 'La duración va en minutos, entre 1 y 1440.'),
  lugar: optionalText(200),
  facilitador: optionalText(150),
  facilitador_id: optionalId(),
  sede: optionalId(),
  hora: time,
  certificado: optionalWholeNumber(1, 100, CERTIFICATE_MINIMUM_MESSAGE),
};

export const seriesTemplateForm = z.object(template);
export type SeriesTemplateFormData = z.infer<typeof seriesTemplateForm>;

/** A new series: the template and its weekly rule (days, from a date, until a date or N sessions). */
export const seriesForm = z
  .object({
    ...template,
    dias: idList().refine(
      (days) => days.length > 0 && days.every((d) => d >= 1 && d <= 7),
      'Elige al menos un día de la semana.',
    ),
    desde: date('Elige la fecha de la primera sesión.'),
    termina: text().pipe(z.enum(['fecha', 'sesiones'], 'Elige cuándo termina la serie.')),
    hasta: text(),
    sesiones: text(),
  })
  .transform((v, ctx) => {
    if (v.termina === 'fecha') {
      const parsed = date('Elige la fecha de la última sesión.').safeParse(v.hasta);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: ['hasta'], message: 'Elige la fecha de la última sesión.' });
        return z.NEVER;
      }
      return { ...v, hasta: parsed.data, sesiones: null };
    }
    const count = wholeNumber(1, 200, 'Indica cuántas sesiones tiene, entre 1 y 200.').safeParse(v.sesiones);
    if (!count.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['sesiones'],
        message: 'Indica cuántas sesiones tiene, entre 1 y 200.',
      });
      return z.NEVER;
    }
    return { ...v, hasta: null, sesiones: count.data };
  });
export type SeriesFormData = z.infer<typeof seriesForm>;

export const cancelSessionForm = z.object({ nota: optionalText(1000) });
