import { monthName, santiagoMonthStart, santiagoParts, santiagoToUtc } from '../../lib/dates';

/**
 * Report periods. Every boundary is a UTC instant computed here, in JS, from Santiago calendar
 * dates (santiagoMonthStart / santiagoToUtc); SQL only compares timestamps against them. SQLite has
 * no time zones, so bucketing "in SQL by month" would need engine-specific functions and would put a
 * payment made at 23:30 on 31 March (02:30 UTC on 1 April) in April on one engine only.
 */

/** A half-open interval [from, to) of ISO UTC instants. */
export type Range = { from: string; to: string };

export type Period = Range & {
  /** Santiago calendar dates, inclusive, as the form shows them. */
  desde: string;
  hasta: string;
  /** "YYYY-MM" when the period is exactly one calendar month. */
  mes: string | null;
  label: string;
};

export type MonthRange = Range & { year: number; month: number; key: string; label: string };

const pad = (n: number) => String(n).padStart(2, '0');
const MAX_RANGE_DAYS = 3 * 366;

/** "YYYY-MM-DD" of a valid calendar date, or null. */
export function parseCalendarDate(raw: unknown): string | null {
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const [y, m, d] = raw.split('-').map(Number) as [number, number, number];
  if (y < 2000 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? raw : null;
}

/** "YYYY-MM" → {year, month}, or null. */
export function parseMonthKey(raw: unknown): { year: number; month: number } | null {
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}$/.test(raw)) return null;
  const [year, month] = raw.split('-').map(Number) as [number, number];
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return { year, month };
}

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

const dmy = (ymd: string) => ymd.split('-').reverse().join('-');

export function monthPeriod(year: number, month: number): Period {
  const start = santiagoMonthStart(year, month);
  const end = santiagoMonthStart(year, month + 1);
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  const lastDay = addDays(`${y}-${pad(m)}-01`, -1);
  return {
    from: start.toISOString(),
    to: end.toISOString(),
    desde: `${year}-${pad(month)}-01`,
    hasta: lastDay,
    mes: `${year}-${pad(month)}`,
    label: `${monthName(month)} ${year}`,
  };
}

export function rangePeriod(desde: string, hasta: string): Period {
  return {
    from: santiagoToUtc(desde).toISOString(),
    to: santiagoToUtc(addDays(hasta, 1)).toISOString(),
    desde,
    hasta,
    mes: null,
    label: desde === hasta ? dmy(desde) : `${dmy(desde)} al ${dmy(hasta)}`,
  };
}

/** The period just before: the previous month, or as many days as the range ending the day before. */
export function previousPeriod(period: Period): Period {
  if (period.mes) {
    const { year, month } = parseMonthKey(period.mes)!;
    return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
  }
  const length = daysBetween(period.desde, period.hasta);
  const hasta = addDays(period.desde, -1);
  return rangePeriod(addDays(hasta, -length), hasta);
}

/** The `count` Santiago calendar months ending with the one that holds `year-month`, oldest first. */
export function monthsEnding(year: number, month: number, count: number): MonthRange[] {
  return Array.from({ length: count }, (_, i) => {
    const offset = month - (count - 1) + i;
    const y = year + Math.floor((offset - 1) / 12);
    const m = ((((offset - 1) % 12) + 12) % 12) + 1;
    return {
      year: y,
      month: m,
      key: `${y}-${pad(m)}`,
      label: `${monthName(m)} ${y}`,
      from: santiagoMonthStart(y, m).toISOString(),
      to: santiagoMonthStart(y, m + 1).toISOString(),
    };
  });
}

/** The Santiago month that holds the last instant of a period. */
export function lastMonthOf(period: Range): { year: number; month: number } {
  const p = santiagoParts(new Date(Date.parse(period.to) - 1));
  return { year: p.year, month: p.month };
}

export type PeriodChoice = { period: Period; notices: string[] };

/**
 * The period a report asks for: `desde`/`hasta` (Santiago dates, inclusive), else `mes=YYYY-MM`,
 * else the current month. Values that do not parse are ignored with a notice (never an error page).
 */
export function choosePeriod(
  query: { desde?: unknown; hasta?: unknown; mes?: unknown },
  now: Date,
): PeriodChoice {
  const notices: string[] = [];
  const present = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const today = santiagoParts(now);
  const todayYmd = `${today.year}-${pad(today.month)}-${pad(today.day)}`;

  if (present(query.desde) || present(query.hasta)) {
    const desdeRaw = present(query.desde) ? parseCalendarDate(query.desde) : undefined;
    const hastaRaw = present(query.hasta) ? parseCalendarDate(query.hasta) : undefined;
    if (desdeRaw === null || hastaRaw === null) {
      notices.push('Ignoramos el rango de fechas: usa fechas válidas (día, mes y año).');
    } else {
      const hasta = hastaRaw ?? todayYmd;
      const desde = desdeRaw ?? `${hasta.slice(0, 8)}01`;
      if (desde > hasta) notices.push('Ignoramos el rango de fechas: "desde" es posterior a "hasta".');
      else if (daysBetween(desde, hasta) > MAX_RANGE_DAYS)
        notices.push('Ignoramos el rango de fechas: el máximo es de tres años.');
      else return { period: rangePeriod(desde, hasta), notices };
    }
  }
  if (present(query.mes)) {
    const month = parseMonthKey(query.mes);
    if (month) return { period: monthPeriod(month.year, month.month), notices };
    notices.push('Ignoramos el mes indicado: usa el formato AAAA-MM (por ejemplo 2026-03).');
  }
  return { period: monthPeriod(today.year, today.month), notices };
}
