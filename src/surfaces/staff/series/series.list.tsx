import { countSeries, listSeries, SERIES_SORTS } from '../../../domain/series';
import { plural, weeklyRuleLabel } from '../../../domain/vocabulary';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatCalendarDate } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';

/** Recurring series: /gestion/series/. */
export const SERIES_LIST = defineList({
  path: '/gestion/series/',
  exportName: 'series',
  sheet: 'Series',
  query: { sortable: SERIES_SORTS, defaultSort: 'nombre' as const, defaultDir: 'asc' as const, filters: {} },
  criteria: (query) => ({ q: query.q }),
  totals: countOnly(countSeries),
  rows: listSeries,
  rowId: (s) => s.id,
  columns: [
    {
      label: 'Nombre',
      sort: 'nombre',
      cell: (s) => <a href={`/gestion/series/${s.id}/`}>{s.name}</a>,
      exportValue: (s) => s.name,
    },
    {
      label: 'Cuándo',
      cell: (s) => weeklyRuleLabel(s.weekdays, s.startTime),
      exportValue: (s) => weeklyRuleLabel(s.weekdays, s.startTime),
    },
    {
      label: 'Desde',
      sort: 'desde',
      showFrom: 700,
      cell: (s) => formatCalendarDate(s.startsOn),
      exportValue: (s) => s.startsOn,
    },
    {
      label: 'Hasta',
      showFrom: 700,
      cell: (s) =>
        s.endsOn ? formatCalendarDate(s.endsOn) : plural(s.sessionCount ?? 0, 'sesión', 'sesiones'),
      exportValue: (s) => s.endsOn ?? `${s.sessionCount} sesiones`,
    },
    {
      label: 'Precio',
      num: true,
      cell: (s) => formatClp(s.priceClp),
      exportValue: (s) => s.priceClp,
    },
    {
      label: 'Por venir',
      num: true,
      cell: (s) => s.upcomingSessions ?? 0,
      exportValue: (s) => s.upcomingSessions ?? 0,
    },
  ],
});
