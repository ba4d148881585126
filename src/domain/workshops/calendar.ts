import { monthDays, santiagoDate } from '../../lib/dates';
import type { CalendarWorkshopRow } from './workshops.queries';

export type CalendarDay = {
  /** "2026-03-14", a Santiago calendar day. */
  date: string;
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  workshops: CalendarWorkshopRow[];
};

/**
 * Every day of a month with the workshops that start on it. A workshop belongs to the day it
 * starts on in Santiago: one at 23:30 on the 14th is on the 14th, although it is the 15th in UTC.
 */
export function workshopsByDay(year: number, month: number, rows: CalendarWorkshopRow[]): CalendarDay[] {
  const byDate = new Map<string, CalendarWorkshopRow[]>();
  for (const row of rows) {
    const date = santiagoDate(new Date(row.startsAt));
    byDate.set(date, [...(byDate.get(date) ?? []), row]);
  }
  return monthDays(year, month).map((d) => ({ ...d, workshops: byDate.get(d.date) ?? [] }));
}
