/** Lower-case and strip accents, so "José Pérez" is found by "jose perez" on both databases. */
export function searchable(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The name a person is greeted by: the first word of their full name ("Valentina" for "Valentina
 * Muñoz Araya"). A compound first name ("María José") loses its second word; the full name is
 * always there for whoever needs it.
 */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Characters no form field needs and that do harm: C0 controls except tab and line breaks (a NUL
 * byte makes PostgreSQL refuse the whole statement, and SQLite stores it silently), DEL, C1
 * controls, and the bidirectional embedding, override and isolate controls (U+202A–U+202E,
 * U+2066–U+2069) that make "Ana \u202Egnp.exe" read as something else on screen.
 */
const UNWANTED_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function stripControlCharacters(value: string): string {
  return value.replace(UNWANTED_CHARACTERS, '');
}
