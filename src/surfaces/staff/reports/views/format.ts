import { formatClp } from '../../../../lib/money';

const percent = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const count = new Intl.NumberFormat('es-CL');

/** 1234 → "1.234". */
export const formatCount = (n: number) => count.format(n);

/** 87.456 → "87,5 %". */
export const formatPercent = (n: number) => `${percent.format(n)} %`;

/** The change from one period to the next, in words a person reads at a glance. */
export function formatChange(
  current: number,
  previous: number,
): { text: string; trend: 'up' | 'down' | 'flat' } {
  if (current === previous) return { text: 'sin cambio', trend: 'flat' };
  if (previous === 0) return { text: current > 0 ? 'nuevo' : 'bajó', trend: current > 0 ? 'up' : 'down' };
  const change = ((current - previous) / Math.abs(previous)) * 100;
  const sign = change > 0 ? '+' : '−';
  return { text: `${sign}${formatPercent(Math.abs(change))}`, trend: change > 0 ? 'up' : 'down' };
}

export { formatClp };
