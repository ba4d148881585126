import { plural } from '../../../../domain/vocabulary';
import type { CalendarDay } from '../../../../domain/workshops';
import { formatCalendarDayLong, monthName, santiagoTime } from '../../../../lib/dates';
import { PageHeader } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { type CalendarMonth, type CatalogueQuery, publicFilterQuery } from '../workshops.forms';
import { CatalogueFilters, ViewToggle } from './catalogue-filters';
import { MODALITY_LABEL, SeatsLeft } from './workshop-card';

type Props = {
  ctx: PageContext;
  query: CatalogueQuery;
  month: CalendarMonth;
  days: CalendarDay[];
  /** Santiago's "YYYY-MM-DD" of today, to mark it. */
  today: string;
  categories: { id: number; name: string }[];
  locations: { id: number; name: string }[];
};

const WEEKDAYS = ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'];

/** "2026-11" → "noviembre". */
const monthWord = (value: string) => monthName(Number(value.slice(5, 7))).toLowerCase();

/**
 * The upcoming workshops of one month. One list of days serves both screens: on a laptop CSS lays
 * it out as a month grid (Monday first), on a phone as an agenda that leaves out the quiet days.
 */
export function CalendarPage({ ctx, query, month, days, today, categories, locations }: Props) {
  const link = (value: string) => {
    const params = new URLSearchParams({ vista: 'calendario', mes: value });
    if (query.values.categoria) params.set('categoria', query.values.categoria);
    if (query.values.modalidad) params.set('modalidad', query.values.modalidad);
    if (query.values.sede) params.set('sede', query.values.sede);
    return `/talleres/?${params.toString()}`;
  };
  const total = days.reduce((sum, d) => sum + d.workshops.length, 0);
  const feedLink = `/talleres/calendario.ics${publicFilterQuery(query.values)}`;
  const filtered = Boolean(query.values.categoria || query.values.modalidad || query.values.sede);
  return (
    <Layout ctx={ctx} title={`Calendario de talleres: ${month.label}`} scripts={['/static/js/seats.js']}>
      <PageHeader
        title="Catálogo de talleres"
        lead="Elige tu próximo taller: manualidades, bienestar y conexión, presencial en Valparaíso u online."
      />

      <ViewToggle query={query} />
      <CatalogueFilters query={query} categories={categories} locations={locations} months={null} />

      {query.notices.map((notice) => (
        <p class="flash flash-warning" role="status">
          {notice}
        </p>
      ))}

      <nav class="cal-nav" aria-label="Cambiar de mes">
        {month.previous ? (
          <a href={link(month.previous)} rel="prev" data-test="mes-anterior">
            ‹ <span class="cal-nav-word">{monthWord(month.previous)}</span>
          </a>
        ) : (
          <span />
        )}
        <h2 id="cal-mes" data-test="calendar-month">
          {month.label}
        </h2>
        {month.next ? (
          <a href={link(month.next)} rel="next" data-test="mes-siguiente">
            <span class="cal-nav-word">{monthWord(month.next)}</span> ›
          </a>
        ) : (
          <span />
        )}
      </nav>
      <p class="meta cal-count">
        {total === 0
          ? `No hay talleres ${filtered ? 'con esos filtros ' : ''}en ${monthWord(month.value)}.`
          : `${plural(total, 'taller', 'talleres')} en ${monthWord(month.value)}.`}
        {total === 0 && month.next && (
          <>
            {' '}
            <a href={link(month.next)}>Mira {monthWord(month.next)}</a>.
          </>
        )}
      </p>

      <div class="calendar">
        <ol class="cal-weekdays" aria-hidden="true">
          {WEEKDAYS.map((d) => (
            <li>{d}</li>
          ))}
        </ol>
        <ol class="cal-grid" aria-labelledby="cal-mes">
          {days.map((d, i) => {
            const classes = [
              'cal-day',
              d.workshops.length > 0 ? 'cal-busy' : 'cal-quiet',
              d.date === today ? 'cal-today' : '',
              d.date < today ? 'cal-past' : '',
              // Only the first day needs placing; the rest of the grid flows from it.
              i === 0 ? `cal-start-${d.weekday}` : '',
            ]
              .filter(Boolean)
              .join(' ');
            if (d.workshops.length === 0)
              return (
                <li class={classes} aria-hidden="true">
                  <span class="cal-num">{d.day}</span>
                </li>
              );
            return (
              <li class={classes} data-date={d.date}>
                <h3 class="cal-date">
                  <span class="cal-num" aria-hidden="true">
                    {d.day}
                  </span>
                  <span class="cal-full">{formatCalendarDayLong(d.date)}</span>
                  {d.date === today && <span class="cal-today-tag">Hoy</span>}
                </h3>
                <ul class="cal-events">
                  {d.workshops.map((w) => (
                    <li>
                      <a href={`/talleres/${w.id}/`} class="cal-event" data-test={`cal-taller-${w.id}`}>
                        <span class="cal-time">{santiagoTime(new Date(w.startsAt))}</span>
                        <span class="cal-name">{w.name}</span>
                        <span class="cal-meta">
                          {MODALITY_LABEL[w.modality]}
                          {w.categoryName && <span class="cal-category"> · {w.categoryName}</span>}
                          {' · '}
                          <SeatsLeft seatsLeft={w.seatsLeft} workshopId={w.id} />
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      </div>
      <p class="meta cal-subscribe">
        <a href={feedLink} data-test="calendar-feed">
          Suscríbete a este calendario
        </a>{' '}
        (Google Calendar, Apple, Outlook): los talleres nuevos aparecen solos.
      </p>
    </Layout>
  );
}
