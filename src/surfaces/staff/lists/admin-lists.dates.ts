import { santiagoToUtc } from '../../../lib/dates';

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
function nextDay(ymd: string): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A "desde / hasta" filter of Santiago calendar days as UTC instants: from the start of `from` to
 * the start of the day after `to` (exclusive), so "hasta 14-03" includes everything on the 14th.
 */
export function santiagoDayRange(
  from: string | null,
  to: string | null,
): { from: string | null; to: string | null } {
  return {
    from: from ? santiagoToUtc(from).toISOString() : null,
    to: to ? santiagoToUtc(nextDay(to)).toISOString() : null,
  };
}
