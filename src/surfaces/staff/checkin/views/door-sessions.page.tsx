import type { listDoorSessions } from '../../../../domain/enrollments';
import { plural } from '../../../../domain/vocabulary';
import { formatCalendarDayLong, santiagoTime } from '../../../../lib/dates';
import { EmptyState } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = { ctx: PageContext; day: string; sessions: Awaited<ReturnType<typeof listDoorSessions>> };

/** Check-in, first step: today's sessions as large buttons, the thumb's way into the scanner. */
export function DoorSessionsPage({ ctx, day, sessions }: Props) {
  return (
    <StaffLayout ctx={ctx} title="Asistencia" crumbs={[['Gestión', '/gestion/'], ['Asistencia']]}>
      <h1>Asistencia</h1>
      <p class="lead">
        Sesiones de hoy, {formatCalendarDayLong(day)}. Elige una para registrar las llegadas.
      </p>
      {sessions.length === 0 ? (
        <EmptyState action={{ href: '/gestion/talleres/', label: 'Ver todos los talleres' }}>
          Hoy no hay sesiones.
        </EmptyState>
      ) : (
        <ul class="door-sessions">
          {sessions.map((s) => (
            <li>
              <a class="door-session" href={`/gestion/asistencia/${s.id}/`} data-test={`session-${s.id}`}>
                <span class="door-session-time">{santiagoTime(new Date(s.startsAt))}</span>
                <span class="door-session-name">{s.name}</span>
                <span class="meta">
                  {plural(Number(s.checkedIn), 'llegada', 'llegadas')} de{' '}
                  {plural(Number(s.enrolled), 'persona', 'personas')}
                  {s.location ? ` · ${s.location}` : ''}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}
