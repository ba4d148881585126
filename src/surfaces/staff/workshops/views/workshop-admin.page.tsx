import { ENROLLMENT_STATUS_LABELS, MODALITY_LABELS, plural } from '../../../../domain/vocabulary';
import type { AdminWorkshop, AttendeeRow } from '../../../../domain/workshops';
import { formatDuration } from '../../../../domain/workshops';
import { formatDateShort, formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CompanionFields } from '../../../../ui/companions';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import type { AuditTrailData } from '../../audit/audit-names';
import { AuditTrail } from '../../audit/views/audit-changes';
import { PaymentMiniForm } from './payment-mini-form';
import { Occupancy, WorkshopStateChip } from './workshop-status';

type Props = {
  ctx: PageContext;
  workshop: AdminWorkshop;
  attendees: AttendeeRow[];
  waitlist: { waiting: number; offered: number };
  search: string;
  candidates: { id: number; fullName: string; email: string; phone: string | null }[];
  includeCancelled: boolean;
  audit: AuditTrailData;
  /** One payment-form token per enrollment id (idempotency of each rendered form). */
  paymentTokens: Record<number, string>;
  now: string;
};

const ATTENDANCE_FORM = 'asistencia-lote';

/** The workshop as staff run it: summary, attendees with payments, attendance, waitlist, actions. */
export function WorkshopAdminPage(props: Props) {
  const { ctx, workshop: w, attendees } = props;
  const base = `/gestion/talleres/${w.id}/`;
  const active = attendees.filter((a) => a.status !== 'ANULADO');
  const totals = active.reduce(
    (t, a) => ({
      due: t.due + a.amountDueClp,
      paid: t.paid + a.amountPaidClp,
      owed: t.owed + a.owedClp,
    }),
    { due: 0, paid: 0, owed: 0 },
  );
  // People, not bookings: an enrollment with companions brings its whole party (one ticket).
  const attended = active.reduce((n, a) => n + (a.attendedAt ? a.seats : 0), 0);
  const people = active.reduce((n, a) => n + a.seats, 0);
  return (
    <StaffLayout
      ctx={ctx}
      title={`Taller: ${w.name}`}
      crumbs={[['Gestión', '/gestion/'], ['Talleres', '/gestion/talleres/'], [w.name]]}
    >
      <div class="section-head">
        <h1>
          {w.name} <WorkshopStateChip w={w} now={props.now} />
        </h1>
        <p class="actions-row">
          <a href={`${base}editar/`} class="button button-small">
            Editar
          </a>{' '}
          <a href={`${base}imagen/`} class="button button-small button-secondary">
            Imagen
          </a>{' '}
          <a
            href={`${base}preventa/`}
            class="button button-small button-secondary"
            data-test="early-bird-link"
          >
            Preventa
          </a>{' '}
          <a href={`/talleres/${w.id}/`} class="button button-small button-secondary">
            Ver público
          </a>{' '}
          <a href={`${base}politica-asistencia/`} class="button button-small button-secondary">
            Política de asistencia
          </a>{' '}
          <a href={`/gestion/asistencia/${w.id}/`} class="button button-small button-secondary">
            Registrar llegadas
          </a>{' '}
          <a href={`${base}certificados/`} class="button button-small button-secondary">
            Certificados
          </a>{' '}
          {!w.cancelledAt && (
            <a href={`${base}cancelar/`} class="button button-small button-danger">
              Cancelar taller
            </a>
          )}{' '}
          <a href={`${base}eliminar/`} class="button button-small button-secondary">
            Eliminar
          </a>
        </p>
      </div>

      <div class="two-col">
        <section class="panel" aria-labelledby="resumen">
          <h2 id="resumen">Resumen</h2>
          <dl class="facts">
            <dt>Fecha</dt>
            <dd data-test="workshop-date">{formatDateTimeLong(w.startsAt)}</dd>
            <dt>Duración</dt>
            <dd>{formatDuration(w.durationMinutes)}</dd>
            <dt>Modalidad</dt>
            <dd>
              {MODALITY_LABELS[w.modality]}
              {w.modality === 'ONLINE'
                ? w.onlineUrl
                  ? ` · ${w.onlineUrl}`
                  : ' · sin enlace aún'
                : w.location
                  ? ` · ${w.location}`
                  : ''}
            </dd>
            <dt>Categoría</dt>
            <dd>{w.categoryName ?? '—'}</dd>
            <dt>Precio</dt>
            <dd>{w.priceClp === 0 ? 'Gratis' : formatClp(w.priceClp)}</dd>
            <dt>Cupos</dt>
            <dd>
              <Occupancy w={w} />
            </dd>
            <dt>Plazo para anular</dt>
            <dd>{w.cancellationCutoffHours} horas antes</dd>
            <dt>Cupos impagos</dt>
            <dd>{w.unpaidExpiryHours ? `se liberan a las ${w.unpaidExpiryHours} horas` : 'no vencen'}</dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="cobros">
          <h2 id="cobros">Cobros y asistencia</h2>
          <dl class="facts">
            <dt>Total a cobrar</dt>
            <dd>{formatClp(totals.due)}</dd>
            <dt>Pagado</dt>
            <dd>{formatClp(totals.paid)}</dd>
            <dt>Por cobrar</dt>
            <dd data-test="workshop-owed">{formatClp(totals.owed)}</dd>
            <dt>Asistencia</dt>
            <dd>
              {attended} de {people}
            </dd>
          </dl>
          <h3>Lista de espera</h3>
          <p>
            {plural(props.waitlist.waiting, 'persona espera', 'personas esperan')}
            {props.waitlist.offered > 0 && `, ${props.waitlist.offered} con un cupo ofrecido`}.{' '}
            <a href={`${base}lista-espera/`}>Ver lista de espera</a>
          </p>
        </section>
      </div>

      {!w.cancelledAt && (
        <section class="panel" aria-labelledby="inscribir">
          <h2 id="inscribir">Inscribir a un cliente</h2>
          <form method="get" action={base} class="filters" aria-label="Buscar cliente para inscribir">
            <div class="field">
              <label for="f-buscar">Buscar cliente</label>
              <input
                id="f-buscar"
                name="buscar"
                type="search"
                value={props.search}
                placeholder="Nombre, correo o teléfono"
              />
            </div>
            <div class="filter-actions">
              <button type="submit" class="button button-small">
                Buscar
              </button>
            </div>
          </form>
          {props.search &&
            (props.candidates.length === 0 ? (
              <p class="empty">
                Nadie coincide con «{props.search}». <a href="/gestion/clientes/nuevo/">Crear cliente</a>
              </p>
            ) : (
              <ul class="candidate-list">
                {props.candidates.map((c) => (
                  <li>
                    <form method="post" action={`${base}inscribir/`} class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="cliente" value={String(c.id)} />
                      <span>
                        {c.fullName} <span class="meta">{c.email}</span>
                      </span>{' '}
                      <CompanionFields maxSeats={w.totalSeats - w.seatsTaken - w.seatsHeld} who="staff" />
                      <button type="submit" class="button button-small" data-test={`enroll-${c.id}`}>
                        Inscribir
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            ))}
        </section>
      )}

      <section class="panel" aria-labelledby="inscritos">
        <div class="section-head">
          <h2 id="inscritos">
            Inscritos ({active.length}
            {people > active.length ? ` · ${people} personas` : ''})
          </h2>
          <p>
            <a href={`${base}inscritos/?formato=csv`} download data-test="export-attendees">
              Exportar CSV
            </a>{' '}
            ·{' '}
            <a href={`${base}inscritos/?formato=xlsx`} download>
              XLSX
            </a>{' '}
            ·{' '}
            {props.includeCancelled ? (
              <a href={base}>Ocultar anuladas</a>
            ) : (
              <a href={`${base}?anulados=1`}>Mostrar anuladas</a>
            )}
          </p>
        </div>
        <form id={ATTENDANCE_FORM} method="post" action={`${base}asistencia/`} class="bulk-row" data-bulk>
          <CsrfField token={ctx.csrfToken} />
          <label for="f-presente">Con los seleccionados:</label>
          <select id="f-presente" name="presente">
            <option value="1">Marcar asistencia</option>
            <option value="0">Quitar asistencia</option>
          </select>
          <button type="submit" class="button button-small">
            Aplicar
          </button>
          <span class="meta" data-selected-count={ATTENDANCE_FORM} aria-live="polite" />
        </form>
        {attendees.length === 0 ? (
          <p class="empty">Aún no hay inscritos en este taller.</p>
        ) : (
          <div class="table-wrap roster-wrap">
            <table class="roster">
              <caption class="visually-hidden">Inscritos</caption>
              <thead>
                <tr>
                  <th scope="col" class="select-col">
                    <input
                      type="checkbox"
                      class="select-all"
                      data-select-all={ATTENDANCE_FORM}
                      aria-label="Seleccionar todos"
                    />
                  </th>
                  <th scope="col">Nombre</th>
                  <th scope="col" class="from-1300">
                    Teléfono
                  </th>
                  <th scope="col" class="from-1080">
                    Estado
                  </th>
                  <th scope="col" class="num from-1300">
                    Monto
                  </th>
                  <th scope="col" class="num from-1300">
                    Pagado
                  </th>
                  <th scope="col" class="num">
                    Debe
                  </th>
                  <th scope="col">Asistencia</th>
                  <th scope="col">Registrar pago</th>
                  <th scope="col">
                    <span class="visually-hidden">Anular</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {attendees.map((a) => {
                  const owed = a.owedClp;
                  const cancelled = a.status === 'ANULADO';
                  return (
                    <tr data-row-id={a.id} data-test="attendee-row">
                      <td class="select-col">
                        {!cancelled && (
                          <input
                            type="checkbox"
                            name="ids"
                            value={String(a.id)}
                            form={ATTENDANCE_FORM}
                            class="row-select"
                            aria-label={`Seleccionar a ${a.fullName}`}
                          />
                        )}
                      </td>
                      <td class="roster-name">
                        <a
                          href={`/gestion/clientes/${a.customerId}/`}
                          title={`${a.email} · inscrito(a) el ${formatDateShort(a.createdAt)}`}
                        >
                          {a.fullName}
                        </a>
                        {a.seats > 1 && (
                          <span class="meta" data-test="attendee-seats">
                            {' '}
                            · {a.seats} cupos
                          </span>
                        )}
                        {!cancelled && a.companions.length > 0 && (
                          <ul class="roster-companions" data-test="roster-companions">
                            {a.companions.map((c) => (
                              <li>
                                <span>+ {c.name ?? `Acompañante ${c.position - 1}`}</span>
                                <form
                                  method="post"
                                  action={`${base}inscripciones/${a.id}/acompanantes/${c.id}/anular/`}
                                  class="inline-form"
                                  data-confirm={`¿Quitar a ${c.name ?? `acompañante ${c.position - 1}`} de la inscripción de ${a.fullName}? Se liberará su cupo.`}
                                >
                                  <CsrfField token={ctx.csrfToken} />
                                  <button
                                    type="submit"
                                    class="button button-small button-quiet"
                                    data-test="cancel-companion"
                                  >
                                    Quitar
                                  </button>
                                </form>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td class="from-1300 roster-phone" data-label="Teléfono">
                        {a.phone ? <a href={`tel:${a.phone.replace(/\s/g, '')}`}>{a.phone}</a> : '—'}
                      </td>
                      <td class="from-1080 roster-state" data-label="Estado">
                        <span class={`badge badge-${a.status}`}>{ENROLLMENT_STATUS_LABELS[a.status]}</span>
                        {a.refundDueClp > 0 && (
                          <span class="meta"> · devolver {formatClp(a.refundDueClp)}</span>
                        )}
                      </td>
                      <td class="num from-1300" data-label="Monto">
                        {formatClp(a.amountDueClp)}
                      </td>
                      <td class="num from-1300" data-label="Pagado">
                        {formatClp(a.amountPaidClp)}
                      </td>
                      <td class="num roster-owed" data-label="Debe" data-test="attendee-owed">
                        {cancelled ? '—' : formatClp(owed)}
                      </td>
                      <td class="roster-attendance">
                        {!cancelled && (
                          <form method="post" action={`${base}asistencia/`} class="inline-form">
                            <CsrfField token={ctx.csrfToken} />
                            <input type="hidden" name="ids" value={String(a.id)} />
                            <input type="hidden" name="presente" value={a.attendedAt ? '0' : '1'} />
                            <button
                              type="submit"
                              class={`button button-small ${a.attendedAt ? 'button-quiet' : 'button-secondary'}`}
                              data-test="attendance-toggle"
                            >
                              {a.attendedAt ? '✓ Asistió (quitar)' : 'Marcar asistencia'}
                            </button>
                          </form>
                        )}
                      </td>
                      <td class="roster-pay">
                        {a.refundDueClp > 0 && (
                          <PaymentMiniForm
                            ctx={ctx}
                            action={`${base}inscripciones/${a.id}/devolucion/`}
                            balance={a.refundDueClp}
                            token={`devolucion-pendiente-${a.id}`}
                            label="Registrar devolución"
                          />
                        )}
                        {!cancelled && owed > 0 && (
                          <PaymentMiniForm
                            ctx={ctx}
                            action={`${base}inscripciones/${a.id}/pago/`}
                            balance={owed}
                            token={props.paymentTokens[a.id] ?? ''}
                          />
                        )}
                      </td>
                      <td class="roster-cancel">
                        {!cancelled && (
                          <form
                            method="post"
                            action={`${base}inscripciones/${a.id}/anular/`}
                            class="inline-form"
                            data-confirm={
                              a.seats > 1
                                ? `¿Anular la inscripción de ${a.fullName} y sus acompañantes? Se liberarán ${a.seats} cupos y se le avisará por correo.`
                                : `¿Anular la inscripción de ${a.fullName}? Se liberará su cupo y se le avisará por correo.`
                            }
                          >
                            <CsrfField token={ctx.csrfToken} />
                            <button type="submit" class="button button-small button-quiet">
                              Anular
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AuditTrail trail={props.audit} listHref={`/gestion/auditoria/?entidad=workshop&q=${w.id}`} />
    </StaffLayout>
  );
}
