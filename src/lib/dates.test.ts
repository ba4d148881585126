import { describe, expect, it } from 'vitest';
import {
  formatCalendarDayLong,
  formatDateTimeLong,
  formatSession,
  monthDays,
  monthName,
  santiagoDate,
  santiagoMonthStart,
  santiagoTime,
  santiagoToUtc,
} from './dates';

describe('dates in America/Santiago', () => {
  it('writes a date the way the centre says it', () => {
    // March 2026 is still summer time in Chile (UTC-3).
    expect(formatDateTimeLong('2026-03-14T13:30:00.000Z')).toBe('sábado 14 de marzo de 2026, 10:30 hrs');
  });

  it('converts Santiago wall-clock time to UTC across the winter offset', () => {
    expect(santiagoToUtc('2026-03-14', '10:30').toISOString()).toBe('2026-03-14T13:30:00.000Z');
    expect(santiagoToUtc('2026-07-14', '10:30').toISOString()).toBe('2026-07-14T14:30:00.000Z');
  });

  it('puts 23:30 on the last day of a month in that month', () => {
    const lastNight = santiagoToUtc('2026-05-31', '23:30');
    expect(lastNight.toISOString()).toBe('2026-06-01T03:30:00.000Z');
    expect(santiagoDate(lastNight)).toBe('2026-05-31');
    expect(santiagoTime(lastNight)).toBe('23:30');
    expect(lastNight < santiagoMonthStart(2026, 6)).toBe(true);
  });

  it('finds month starts, rolling over the year', () => {
    expect(santiagoMonthStart(2026, 13).toISOString()).toBe(santiagoMonthStart(2027, 1).toISOString());
    expect(monthName(3)).toBe('Marzo');
  });

  it('writes a session as its day and its start and end times, in Santiago', () => {
    expect(formatSession('2026-03-14T14:30:00.000Z', 120)).toBe('sábado 14 de marzo, 11:30 a 13:30 hrs');
    // 23:30 in Santiago is already the next day in UTC: the day written is Santiago's.
    expect(formatSession('2026-07-01T03:30:00.000Z', 90)).toBe('martes 30 de junio, 23:30 a 01:00 hrs');
    expect(formatCalendarDayLong('2026-09-18')).toBe('viernes 18 de septiembre');
  });

  it('lays out a month from Monday to Sunday', () => {
    const days = monthDays(2026, 2);
    expect(days).toHaveLength(28);
    expect(days[0]).toEqual({ date: '2026-02-01', day: 1, weekday: 6 });
    expect(days[1]).toEqual({ date: '2026-02-02', day: 2, weekday: 0 });
    expect(monthDays(2028, 2)).toHaveLength(29);
  });
});
