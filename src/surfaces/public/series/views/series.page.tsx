import type { PublicSeriesView } from '../../../../domain/series';
import { plural, weeklyRuleLabel } from '../../../../domain/vocabulary';
import { formatCalendarDate, formatSession } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, DataList, PageHeader, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = { ctx: PageContext } & PublicSeriesView;

/**
 * A series' page: what it is, when it repeats, its sessions still to come with their seats, and
 * "Reservar la serie completa" for all of them at once (each session can still be booked alone
 * from its own page).
 */
export function SeriesPage({ ctx, series, sessions, totalClp, bookable }: Props) {
  return (
    <Layout ctx={ctx} title={series.name}>
      <PageHeader
        title={series.name}
        lead={series.description}
        back={{ href: '/talleres/', label: 'Talleres' }}
      />
      <div class="two-col">
        <section class="panel" aria-labelledby="sesiones">
          <h2 id="sesiones">Sesiones por venir</h2>
          {sessions.length === 0 ? (
            <p data-test="series-no-sessions">Esta serie no tiene sesiones por venir.</p>
          ) : (
            <ResponsiveTable
              caption="Sesiones por venir"
              rows={sessions}
              rowAttributes={() => ({ 'data-test': 'series-session' })}
              columns={[
                {
                  label: 'Sesión',
                  title: true,
                  cell: (s) => (
                    <a href={`/talleres/${s.workshopId}/`}>
                      {formatSession(s.startsAt, series.durationMinutes)}
                    </a>
                  ),
                },
                {
                  label: 'Cupos',
                  cell: (s) => (s.seatsLeft > 0 ? `Quedan ${plural(s.seatsLeft, 'cupo')}` : 'Sin cupos'),
                },
                { label: 'Precio', numeric: true, cell: (s) => formatClp(s.priceClp) },
              ]}
            />
          )}
        </section>
        <section class="panel" aria-labelledby="reservar">
          <h2 id="reservar">Reservar la serie</h2>
          <DataList
            stacked
            omitEmpty
            items={[
              { label: 'Cuándo', value: weeklyRuleLabel(series.weekdays, series.startTime) },
              {
                label: 'Hasta',
                value: series.endsOn
                  ? formatCalendarDate(series.endsOn)
                  : plural(series.sessionCount ?? 0, 'sesión', 'sesiones'),
              },
              { label: 'Sede', value: series.locationName },
              { label: 'Sala o lugar', value: series.location },
              { label: 'Guía', value: series.facilitatorRecordName ?? series.facilitatorName },
              { label: 'Total', value: formatClp(totalClp), 'data-test': 'series-total' },
            ]}
          />
          {bookable ? (
            <form method="post" action={`/series/${series.id}/`} class="pay-actions">
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="button button-block" data-test="book-series">
                Reservar {plural(sessions.length, 'sesión', 'sesiones')} por {formatClp(totalClp)}
              </button>
              <p class="meta">Reservas todas las sesiones o ninguna, y pagas una sola vez.</p>
            </form>
          ) : (
            sessions.length > 0 && (
              <p data-test="series-not-bookable">
                Alguna sesión ya no tiene cupos: puedes inscribirte en las demás una por una desde su página.
              </p>
            )
          )}
        </section>
      </div>
    </Layout>
  );
}
