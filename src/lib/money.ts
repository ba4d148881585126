const clp = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });

/** 45000 → "$45.000" (whole pesos; CLP has no cents). */
export function formatClp(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}$${clp.format(Math.abs(Math.round(amount)))}`;
}

/**
 * An amount in whole pesos as people write it in Chile: "45000", "45.000", "$45.000", "$ 45.000"
 * (or "45 000"). The dot is only ever a thousands separator, in groups of three; anything else is refused rather
 * than guessed: "45000.00" and "12.5" (decimals, or an English-style amount) and "10.000,50"
 * (cents: CLP has none) are null, as are negative numbers and more than twelve digits. The old
 * parser dropped every dot, so "45000.00" became $4.500.000.
 */
export function parseClp(input: string): number | null {
  const match = /^\$?\s*(\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)$/.exec(input.trim());
  if (!match) return null;
  const digits = match[1]!.replace(/[. ]/g, '');
  if (digits.length > 12) return null;
  return Number(digits);
}

/** The one message for an amount that does not parse, wherever money is typed. */
export const CLP_FORMAT_MESSAGE = 'Escribe el monto en pesos, sin decimales: por ejemplo 45000 o 45.000.';
