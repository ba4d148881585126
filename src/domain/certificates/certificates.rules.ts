import type { SeriesCompletion } from '../series';

/** The customer's share of the series' sessions held, rounded down (never shown above what it is). */
export const attendancePercent = (c: SeriesCompletion): number =>
  c.held === 0 ? 0 : Math.floor((c.attended * 100) / c.held);

/**
 * Whether the attendance reaches the series' minimum, compared in whole numbers (3 of 4 is exactly
 * 75 %). With no session held yet nobody reaches it.
 */
export const reachesMinimum = (c: SeriesCompletion): boolean =>
  c.held > 0 && c.attended * 100 >= c.minPercent * c.held;
