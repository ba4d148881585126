/**
 * Chilean RUT: body digits and a check digit (0-9 or K) computed with modulo 11.
 * Stored normalised as "12345678-5"; shown as "12.345.678-5".
 */

export function rutCheckDigit(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const rest = 11 - (sum % 11);
  if (rest === 11) return '0';
  if (rest === 10) return 'K';
  return String(rest);
}

/** Returns the normalised RUT ("12345678-5"), or null when it is malformed or its check digit is wrong. */
export function normalizeRut(input: string): string | null {
  const cleaned = input.trim().replace(/[.\s]/g, '').replace(/‐|–/g, '-').toUpperCase();
  const match = /^(\d{1,8})-?([\dK])$/.exec(cleaned);
  if (!match) return null;
  const body = match[1]!.replace(/^0+/, '');
  const dv = match[2]!;
  if (body.length === 0) return null;
  return rutCheckDigit(body) === dv ? `${body}-${dv}` : null;
}

export function isValidRut(input: string): boolean {
  return normalizeRut(input) !== null;
}

/** "12345678-5" → "12.345.678-5" */
export function formatRut(normalized: string): string {
  const [body, dv] = normalized.split('-');
  if (!body || !dv) return normalized;
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}
