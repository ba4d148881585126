import { santiagoToUtc } from '../../lib/dates';

/** The weekly rule of a series: ISO weekdays, a Santiago time, a first date, and its end. */
export type WeeklyRule = {
  /** ISO weekdays, Monday 1 … Sunday 7. */
  weekdays: number[];
  /** "HH:MM", Santiago wall clock. */
  startTime: string;
  /** "YYYY-MM-DD". */
  startsOn: string;
  endsOn: string | null;
  sessionCount: number | null;
};

/** How far ahead the sessions of a series exist as workshops. */
export const GENERATION_WEEKS = 12;

const DAY_MS = 86_400_000;

function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isoWeekday(ymd: string): number {
  const day = new Date(`${ymd}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Every date of the rule, in order, up to `until` (inclusive). Dates are calendar days and the time
 * is applied per date in America/Santiago (santiagoToUtc), so a 19:00 session stays 19:00 local on
 * both sides of the April and September changes; adding 7 × 24 h to an instant would move it an
 * hour.
 */
export function ruleDates(rule: WeeklyRule, until: string): string[] {
  const dates: string[] = [];
  const last = rule.endsOn !== null && rule.endsOn < until ? rule.endsOn : until;
  for (let day = rule.startsOn; day <= last; day = addDays(day, 1)) {
    if (!rule.weekdays.includes(isoWeekday(day))) continue;
    if (rule.sessionCount !== null && dates.length >= rule.sessionCount) break;
    dates.push(day);
  }
  return dates;
}

/** The UTC start of a session on a Santiago date. */
export function sessionStart(date: string, startTime: string): Date {
  return santiagoToUtc(date, startTime);
}

/** The last date sessions are generated for on `today` (a Santiago date): twelve weeks on. */
export function generationHorizon(today: string): string {
  return addDays(today, GENERATION_WEEKS * 7);
}

export const parseWeekdays = (stored: string): number[] => stored.split(',').map(Number);
export const storeWeekdays = (days: number[]): string => [...new Set(days)].sort((a, b) => a - b).join(',');
