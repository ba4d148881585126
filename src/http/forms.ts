import { z } from 'zod';

// Every message a user reads is Spanish, including zod's defaults for fields we did not word.
z.config(z.locales.es());

export type FormErrors = Record<string, string>;
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string> };

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

/** Parses a form with zod; on failure returns one Spanish message per field. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(body) };
}
