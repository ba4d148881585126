import type { FacilitatorSession, RosterRow } from '../../../../domain/facilitators';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateTimeShort, formatSession } from '../../../../lib/dates';
import { Badge, CsrfField, EmptyState } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

const BASE = '/gestion/mis-sesiones/';

function SessionList({ sessions, caption }: { sessions: FacilitatorSession[]; caption: string }) {
  return (
    <ul class="session-list" aria-label={caption}>
      {sessions.map((s) => (
        <li class="panel" data-test="my-session">
          <h3>
            <a href={`${BASE}${s.id}/`}>{s.name}</a>
            {s.cancelledAt && (
              <>
                {' '}
                <Badge tone="neutral">Cancelado</Badge>
              </>
            )}
          </h3>
          <p class="meta">
            {formatSession(s.startsAt, s.durationMinutes)}
            {s.location ? ` · ${s.location}` : ''}
          </p>
          <p>
            {plural(s.booked, 'inscrito', 'inscritos')} de {s.totalSeats} cupos ·{' '}
            {plural(s.attended, 'asistió', 'asistieron')}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** A facilitator's home: the sessions they lead, coming first. */
export function MySessionsPage({
  ctx,
  upcoming,
  past,
}: {
  ctx: PageContext;
  upcoming: FacilitatorSession[];
  past: FacilitatorSession[];
}) {
  return (
    <StaffLayout ctx={ctx} title="Mis sesiones">
      <h1>Mis sesiones</h1>
      <h2>Próximas</h2>
      {upcoming.length === 0 ? (
        <EmptyState>No tienes sesiones próximas.</EmptyState>
      ) : (
        <SessionList sessions={upcoming} caption="Sesiones próximas" />
      )}
      {past.length > 0 && (
        <>
          <h2>Anteriores</h2>
          <SessionList sessions={past} caption="Sesiones anteriores" />
        </>
      )}
    </StaffLayout>
  );
}

/** One session the facilitator leads: who is enrolled, and attendance to mark person by person. */
export function MySessionPage({
  ctx,
  session,
  roster,
}: {
  ctx: PageContext;
  session: { id: number; name: string; startsAt: string; durationMinutes: number; location: string | null };
  roster: RosterRow[];
}) {
  const action = `${BASE}${session.id}/asistencia/`;
  const attended = roster.filter((r) => r.attendedAt).length;
  return (
    <StaffLayout ctx={ctx} title={session.name} crumbs={[['Mis sesiones', BASE], [session.name]]}>
      <h1>{session.name}</h1>
      <p class="meta">
        {formatSession(session.startsAt, session.durationMinutes)}
        {session.location ? ` · ${session.location}` : ''}
      </p>
      <p data-test="roster-summary">
        {plural(roster.length, 'inscrito', 'inscritos')} · {plural(attended, 'asistió', 'asistieron')}
      </p>
      {roster.length === 0 ? (
        <EmptyState>Aún no hay inscritos en esta sesión.</EmptyState>
      ) : (
        <ul class="roster" data-test="roster" aria-label={`Inscritos de ${session.name}`}>
          {roster.map((r) => (
            <li>
              <div>
                <strong>{r.fullName}</strong>
                {r.seats > 1 && (
                  <span class="door-party"> + {plural(r.seats - 1, 'acompañante', 'acompañantes')}</span>
                )}
                <br />
                <small class="meta">
                  {ENROLLMENT_STATUS_LABELS[r.status]}
                  {r.attendedAt && ` · asistió (${formatDateTimeShort(r.attendedAt)})`}
                </small>
              </div>
              <form method="post" action={action} class="inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="ids" value={String(r.id)} />
                <input type="hidden" name="presente" value={r.attendedAt ? '0' : '1'} />
                <button
                  type="submit"
                  class={`button button-small${r.attendedAt ? ' button-secondary' : ''}`}
                  aria-label={`${r.attendedAt ? 'Quitar asistencia de' : 'Marcar asistencia de'} ${r.fullName}`}
                >
                  {r.attendedAt ? 'Quitar' : 'Marcar asistencia'}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}
