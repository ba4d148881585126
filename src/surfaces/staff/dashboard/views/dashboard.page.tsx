import type { StaffDashboard as Dashboard } from '../../../../domain/reports';
import { INTERACTION_LABELS, plural } from '../../../../domain/vocabulary';
import { formatCalendarDate, formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = { ctx: PageContext; dashboard: Dashboard; today: string };

const occupancyClass = (taken: number, total: number) =>
  total === 0 || taken >= total ? 'seats-none' : taken / total >= 0.8 ? 'seats-low' : 'seats-ok';

export function DashboardPage({ ctx, dashboard: d, today }: Props) {
  return (
    <StaffLayout ctx={ctx} title="Panel de gestión">
      <h1>Panel de gestión</h1>
      <div class="summary-cards">
        <a class="panel summary-card" href="/gestion/deudores/" data-test="dash-owed">
          <p class="meta">Por cobrar</p>
          <p class="price">{formatClp(d.owed.total)}</p>
          <p class="meta">{plural(d.owed.enrollments, 'inscripción', 'inscripciones')} con saldo</p>
        </a>
        <a class="panel summary-card" href="/gestion/devoluciones/" data-test="dash-refunds">
          <p class="meta">Por devolver</p>
          <p class={`price${d.refunds.total > 0 ? ' owed' : ''}`}>{formatClp(d.refunds.total)}</p>
          <p class="meta">{plural(d.refunds.enrollments, 'inscripción anulada', 'inscripciones anuladas')}</p>
        </a>
        <a class="panel summary-card" href="#seguimientos" data-test="dash-followups">
          <p class="meta">Seguimientos pendientes</p>
          <p class="price">{d.followUps.total}</p>
        </a>
        <a
          class="panel summary-card"
          href="/gestion/clientes/?sort=registro&dir=desc"
          data-test="dash-signups"
        >
          <p class="meta">Clientes nuevos (7 días)</p>
          <p class="price">{d.signUps.total}</p>
        </a>
        <a class="panel summary-card" href="/gestion/correos/" data-test="dash-failures">
          <p class="meta">Correos fallidos (7 días)</p>
          <p class={`price${d.failures.total > 0 ? ' owed' : ''}`}>{d.failures.total}</p>
        </a>
      </div>

      <div class="dashboard-grid">
        <section class="panel" aria-labelledby="semana">
          <h2 id="semana">Talleres de esta semana</h2>
          {d.workshops.length === 0 ? (
            <p class="meta">No hay talleres esta semana.</p>
          ) : (
            <ul class="dash-list">
              {d.workshops.map((w) => (
                <li data-test={`dash-workshop-${w.id}`}>
                  <a href={`/gestion/talleres/${w.id}/`}>{w.name}</a>
                  <span class="meta"> · {formatDateTimeShort(w.startsAt)}</span>
                  {w.cancelledAt ? (
                    <span class="badge badge-ANULADO"> Cancelado</span>
                  ) : (
                    <span class={`seats ${occupancyClass(w.seatsTaken, w.totalSeats)}`}>
                      {' '}
                      {w.seatsTaken}/{w.totalSeats} cupos (
                      {w.totalSeats ? Math.round((w.seatsTaken / w.totalSeats) * 100) : 0}%)
                    </span>
                  )}
                  {!w.isActive && <span class="chip"> Oculto</span>}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel" aria-labelledby="seguimientos">
          <h2 id="seguimientos">Seguimientos para hoy o atrasados</h2>
          {d.followUps.rows.length === 0 ? (
            <p class="meta">No hay seguimientos pendientes.</p>
          ) : (
            <ul class="dash-list">
              {d.followUps.rows.map((f) => (
                <li data-test={`dash-followup-${f.id}`}>
                  <a href={`/gestion/clientes/${f.customerId}/#historial-contactos`}>{f.fullName}</a>{' '}
                  <span class={`meta${f.followUpOn! < today ? ' follow-up-due' : ''}`}>
                    · {INTERACTION_LABELS[f.kind]} · {formatCalendarDate(f.followUpOn!)}
                  </span>
                  <p class="meta clamp">{f.summary}</p>
                  <form
                    method="post"
                    action={`/gestion/clientes/interacciones/${f.id}/hecho/`}
                    class="inline-form"
                  >
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="volver" value="/gestion/" />
                    <button type="submit" class="button button-small button-secondary">
                      Marcar como hecho
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel" aria-labelledby="stock">
          <h2 id="stock">Kits con stock bajo</h2>
          {d.lowStock.length === 0 ? (
            <p class="meta">Todo el stock está sobre su umbral.</p>
          ) : (
            <ul class="dash-list">
              {d.lowStock.map((p) => (
                <li data-test={`dash-stock-${p.id}`}>
                  <a href={`/gestion/productos/${p.id}/`}>{p.name}</a>{' '}
                  <span class={p.stock === 0 ? 'seats-none' : 'seats-low'}>
                    · {p.stock} en bodega (umbral {p.lowStockThreshold})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel" aria-labelledby="nuevos">
          <h2 id="nuevos">Clientes nuevos</h2>
          {d.signUps.rows.length === 0 ? (
            <p class="meta">Nadie se registró en los últimos 7 días.</p>
          ) : (
            <ul class="dash-list">
              {d.signUps.rows.map((c) => (
                <li data-test={`dash-signup-${c.id}`}>
                  <a href={`/gestion/clientes/${c.id}/`}>{c.fullName}</a>
                  <span class="meta"> · {formatDateShort(c.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel" aria-labelledby="fallidos">
          <h2 id="fallidos">Correos que fallaron</h2>
          {d.failures.rows.length === 0 ? (
            <p class="meta">Ningún correo falló en los últimos 7 días.</p>
          ) : (
            <ul class="dash-list">
              {d.failures.rows.map((e) => (
                <li data-test={`dash-failure-${e.id}`}>
                  {e.customerId ? (
                    <a href={`/gestion/clientes/${e.customerId}/`}>{e.recipient}</a>
                  ) : (
                    e.recipient
                  )}
                  <span class="meta">
                    {' '}
                    · {e.subject} · {formatDateTimeShort(e.createdAt)}
                  </span>
                  {e.errorMessage && <p class="meta clamp">{e.errorMessage}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </StaffLayout>
  );
}
