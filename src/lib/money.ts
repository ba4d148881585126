const clp = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });

/** 45000 → "$45.000" (whole pesos; CLP has no cents). */
export function formatClp(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}$${clp.format(Math.abs(Math.round(amount)))}`;
}

/** Parses what people type for an amount: "45.000", "$45000", " 45 000 " → 45000. Null when not a whole amount. */
export function parseClp(input: string): number | null {
  const cleaned = input.replace(/[\s$.]/g, '');
  if (!/^\d{1,12}$/.test(cleaned)) return null;
  return Number(cleaned);
}
