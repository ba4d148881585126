import type { Db } from '../../src/db/database';
import { santiagoDate } from '../../src/lib/dates';
import { unique } from './factories';

/**
 * A series whose sessions are these existing workshops (linked in series_sessions, dated by their
 * start in Santiago). The weekly rule is nominal: nothing generates sessions for it in a test.
 */
export async function createSeriesOf(
  db: Db,
  workshops: { id: number; startsAt: string }[],
  overrides: { name?: string; priceClp?: number } = {},
) {
  const series = await db
    .insertInto('series')
    .values({
      name: overrides.name ?? unique('Serie '),
      description: 'Una serie de prueba.',
      categoryId: null,
      priceClp: overrides.priceClp ?? 0,
      totalSeats: 10,
      durationMinutes: 120,
      location: null,
      facilitatorName: null,
      weekdays: '1',
      startTime: '10:00',
      startsOn: '2026-01-01',
      endsOn: null,
      sessionCount: Math.max(1, workshops.length),
      locationId: null,
      certificateMinPercent: null,
      createdAt: '2026-01-01T12:00:00.000Z',
      updatedAt: '2026-01-01T12:00:00.000Z',
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  for (const w of workshops)
    await db
      .insertInto('seriesSessions')
      .values({
        seriesId: series.id,
        workshopId: w.id,
        sessionDate: santiagoDate(new Date(w.startsAt)),
        appliedFields: '[]',
      })
      .execute();
  return series;
}
