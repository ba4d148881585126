import { z } from 'zod';

/**
 * The message for any rule a form did not word itself. zod's own texts ("se esperaba nonoptional,
 * recibido indefinido") are written for developers; these are for the person filling the form.
 */
export function humanMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'Completa este campo.' : 'Revisa este campo.';
    case 'too_small':
      return issue.origin === 'string'
        ? `Escribe al menos ${issue.minimum} caracteres.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? 'Elige al menos una opción.'
          : `El valor debe ser ${issue.inclusive === false ? 'mayor que' : 'al menos'} ${Number(issue.minimum).toLocaleString('es-CL')}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `Escribe como máximo ${issue.maximum} caracteres.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? 'Elegiste demasiadas opciones.'
          : `El valor debe ser como máximo ${Number(issue.maximum).toLocaleString('es-CL')}.`;
    case 'invalid_value':
      return 'Elige una de las opciones.';
    case 'invalid_format':
      return issue.format === 'email'
        ? 'Escribe un correo válido, por ejemplo nombre@correo.cl.'
        : 'Revisa el formato de este campo.';
    default:
      return 'Revisa este campo.';
  }
}

z.config({ customError: humanMessage });

export type FormErrors = Record<string, string>;

/** Flattens a form body to strings (for re-rendering what the user typed). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf') continue;
      if (typeof value === 'string') values[key] = value;
      else if (Array.isArray(value)) values[key] = value.map(String).join(',');
    }
  }
  return values;
}
