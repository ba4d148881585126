import type { DoorAttendee, DoorEnrollment, findDoorSession } from '../../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateTimeLong, santiagoTime } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, EmptyState, StatusBadge } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Session = NonNullable<Awaited<ReturnType<typeof findDoorSession>>>;

type Props = {
  ctx: PageContext;
  session: Session;
  attendees: DoorAttendee[];
  q: string;
  /** The person just scanned or picked, shown on top with what to do next. */
  result: DoorEnrollment | null;
  paymentToken: string | null;
};

const arrival = (e: { attendedAt: string | null; checkedInByName: string | null }) =>
  e.attendedAt
    ? `Llegó a las ${santiagoTime(new Date(e.attendedAt))} hrs${e.checkedInByName ? ` · registró ${e.checkedInByName}` : ''}`
    : 'Aún no llega';

/**
 * One session at the door, for a phone held in one hand: the scanner first (the camera reads the
 * QR code and the page posts it), then the person just checked in with any balance and a cash
 * payment button, then everyone expected with a search by name for whoever has no code at hand.
 */
export function DoorPage({ ctx, session, attendees, q, result, paymentToken }: Props) {
  const base = `/gestion/asistencia/${session.id}/`;
  // People, not bookings: one ticket checks in a customer and their companions together.
  const arrived = attendees.reduce((n, a) => n + (a.attendedAt ? a.seats : 0), 0);
  const expected = attendees.reduce((n, a) => n + a.seats, 0);
  return (
    <StaffLayout
      ctx={ctx}
      title={`Asistencia: ${session.name}`}
      scripts={['/static/vendor/jsqr.js', '/static/js/checkin.js']}
      crumbs={[['Gestión', '/gestion/'], ['Asistencia', '/gestion/asistencia/'], [session.name]]}
    >
      <div class="door">
        <h1>{session.name}</h1>
        <p class="lead">{formatDateTimeLong(session.startsAt)}</p>

        <section class="panel door-scan" aria-labelledby="escanear">
          <h2 id="escanear">Escanear entrada</h2>
          <form method="post" action={`${base}registrar`} data-scan-form>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="codigo" value="" />
            <div class="door-camera" data-scanner hidden>
              <video playsinline muted data-scanner-video />
              <p class="meta" data-scanner-status aria-live="polite">
                Apunta la cámara al código QR.
              </p>
            </div>
            <button type="button" class="button button-block" data-scanner-start>
              Abrir la cámara
            </button>
            <button type="button" class="button button-secondary button-block" data-scanner-stop hidden>
              Cerrar la cámara
            </button>
          </form>
          <p class="meta">Sin código a mano: busca a la persona por su nombre más abajo.</p>
        </section>

        {result && (
          <section class="panel door-result" id="resultado" aria-labelledby="resultado-titulo">
            <h2 id="resultado-titulo">
              {result.customerName}
              {result.seats > 1 && (
                <span class="door-party" data-test="door-party">
                  {' '}
                  + {plural(result.seats - 1, 'acompañante', 'acompañantes')}
                </span>
              )}
            </h2>
            <p>
              <StatusBadge status={result.status} label={ENROLLMENT_STATUS_LABELS[result.status]} />{' '}
              <strong data-test="arrival">{arrival(result)}</strong>
            </p>
            {result.owedClp > 0 && (
              <div class="door-owed" role="alert">
                <p class="door-owed-amount">
                  Saldo pendiente: <strong>{formatClp(result.owedClp)}</strong>
                </p>
                {paymentToken && (
                  <form method="post" action={`${base}inscripciones/${result.id}/pago`}>
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="clave" value={paymentToken} />
                    <button type="submit" class="button button-block">
                      Registrar pago en efectivo de {formatClp(result.owedClp)}
                    </button>
                  </form>
                )}
              </div>
            )}
          </section>
        )}

        <section class="panel" aria-labelledby="personas">
          <h2 id="personas">
            Personas ({arrived} de {expected} llegaron)
          </h2>
          <form method="get" action={base} class="door-search">
            <label for="q">Buscar por nombre</label>
            <div class="door-search-row">
              <input id="q" name="q" type="search" value={q} autocomplete="off" />
              <button type="submit" class="button button-secondary">
                Buscar
              </button>
            </div>
          </form>
          {attendees.length === 0 ? (
            <EmptyState>
              {q ? `Nadie inscrito coincide con «${q}».` : 'No hay personas inscritas.'}
            </EmptyState>
          ) : (
            <ul class="door-list">
              {attendees.map((a) => (
                <li class={a.attendedAt ? 'door-person is-in' : 'door-person'} data-test={`person-${a.id}`}>
                  <div>
                    <strong>{a.customerName}</strong>
                    {a.seats > 1 && (
                      <span class="door-party"> + {plural(a.seats - 1, 'acompañante', 'acompañantes')}</span>
                    )}
                    <span class="meta">
                      {arrival(a)}
                      {a.owedClp > 0 ? ` · Debe ${formatClp(a.owedClp)}` : ''}
                    </span>
                  </div>
                  {a.attendedAt ? (
                    <a
                      class="button button-small button-quiet"
                      href={`${base}?inscripcion=${a.id}#resultado`}
                    >
                      Ver
                    </a>
                  ) : (
                    <form method="post" action={`${base}registrar`}>
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="inscripcion" value={String(a.id)} />
                      <button type="submit" class="button button-small door-action">
                        Registrar llegada
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </StaffLayout>
  );
}
