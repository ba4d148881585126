import { describe, expect, it } from 'vitest';
import {
  formatDateTimeLong,
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
});
