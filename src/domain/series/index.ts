// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { SeriesAlreadyBookedError, SeriesFullError, SeriesNothingToBookError } from './series.errors';
export { generateSeriesSessionsJob } from './series.jobs';
export type {
  SeriesCompletion,
  SeriesListFilters,
  SeriesListRow,
  SeriesRow,
  SeriesSessionRow,
} from './series.queries';
export {
  countSeries,
  findBookingOfEnrollment,
  findSeries,
  findSeriesCompletion,
  findSessionLink,
  listPublicSeries,
  listSeries,
  listSeriesSessions,
  SERIES_SORTS,
} from './series.queries';
export type { WeeklyRule } from './series.rules';
export { GENERATION_WEEKS, parseWeekdays, ruleDates, sessionStart } from './series.rules';
export type {
  PublicSeriesView,
  SeriesInput,
  SeriesTemplate,
  SessionState,
  StaffSeriesView,
  UpdateSeriesResult,
} from './series.service';
export {
  bookSeries,
  CERTIFICATE_MINIMUM_MESSAGE,
  cancelSeriesSession,
  createSeries,
  generateSessions,
  paySeriesBookingSimulated,
  publicSeriesView,
  staffSeriesView,
  startSeriesBookingPayment,
  updateSeriesTemplate,
  visibleBooking,
} from './series.service';
