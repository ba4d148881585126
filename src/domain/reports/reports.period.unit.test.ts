import { describe, expect, it } from 'vitest';
import {
  choosePeriod,
  monthPeriod,
  monthsEnding,
  parseCalendarDate,
  previousPeriod,
  rangePeriod,
} from './reports.period';

describe('report periods in Santiago time', () => {
  it('bounds a month by Santiago midnights, whatever the offset that month', () => {
    // March 2026 starts at UTC-3 and April ends at UTC-4 (clocks go back on 5 April).
    expect(monthPeriod(2026, 3)).toMatchObject({
      from: '2026-03-01T03:00:00.000Z',
      to: '2026-04-01T03:00:00.000Z',
      desde: '2026-03-01',
      hasta: '2026-03-31',
      mes: '2026-03',
      label: 'Marzo 2026',
    });
    expect(monthPeriod(2026, 4).to).toBe('2026-05-01T04:00:00.000Z');
    expect(monthPeriod(2025, 12)).toMatchObject({ hasta: '2025-12-31', to: '2026-01-01T03:00:00.000Z' });
  });

  it('includes the whole last day of a range', () => {
    expect(rangePeriod('2026-03-31', '2026-03-31')).toMatchObject({
      from: '2026-03-31T03:00:00.000Z',
      to: '2026-04-01T03:00:00.000Z',
      label: '31-03-2026',
    });
  });

  it('compares a month with the previous one and a range with as many days just before', () => {
    expect(previousPeriod(monthPeriod(2026, 1)).label).toBe('Diciembre 2025');
    expect(previousPeriod(rangePeriod('2026-03-10', '2026-03-16'))).toMatchObject({
      desde: '2026-03-03',
      hasta: '2026-03-09',
    });
  });

  it('lists twelve months ending with the chosen one, across the year change', () => {
    const months = monthsEnding(2026, 2, 12);
    expect(months.map((m) => m.key)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    for (let i = 1; i < months.length; i++) expect(months[i]!.from).toBe(months[i - 1]!.to);
  });

  it('accepts only real calendar dates', () => {
    expect(parseCalendarDate('2026-02-28')).toBe('2026-02-28');
    expect(parseCalendarDate('2026-02-29')).toBeNull();
    expect(parseCalendarDate('2026-2-1')).toBeNull();
    expect(parseCalendarDate(['2026-02-01'])).toBeNull();
  });

  it('defaults to the current Santiago month, even when UTC has moved on to the next one', () => {
    // 02:30 UTC on 1 April is still 31 March in Santiago.
    const { period, notices } = choosePeriod({}, new Date('2026-04-01T02:30:00.000Z'));
    expect(period.mes).toBe('2026-03');
    expect(notices).toEqual([]);
  });

  it('fills a missing end with today and a missing start with the first of that month', () => {
    const now = new Date('2026-03-20T15:00:00.000Z');
    expect(choosePeriod({ desde: '2026-03-05' }, now).period).toMatchObject({
      desde: '2026-03-05',
      hasta: '2026-03-20',
    });
    expect(choosePeriod({ hasta: '2026-02-14' }, now).period).toMatchObject({
      desde: '2026-02-01',
      hasta: '2026-02-14',
    });
  });

  it('ignores what does not parse, with a notice for each', () => {
    const now = new Date('2026-03-20T15:00:00.000Z');
    expect(choosePeriod({ mes: 'marzo' }, now).notices).toEqual([
      'Ignoramos el mes indicado: usa el formato AAAA-MM (por ejemplo 2026-03).',
    ]);
    expect(choosePeriod({ desde: '2020-01-01', hasta: '2026-01-01' }, now).notices[0]).toContain('tres años');
    expect(choosePeriod({ desde: '2026-03-05', hasta: '2026-03-01', mes: '2026-01' }, now).period.mes).toBe(
      '2026-01',
    );
  });
});
