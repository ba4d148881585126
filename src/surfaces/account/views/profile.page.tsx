import type { EnrollmentStatus, SaleStatus } from '../../../db/schema';
import { ENROLLMENT_STATUS_LABELS, SALE_STATUS_LABELS } from '../../../domain/vocabulary';
import { formatCalendarDate, formatDateShort, formatDateTimeLong } from '../../../lib/dates';
import { formatRut } from '../../../lib/rut';
import { CsrfField, EmptyState, Money } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

export type ProfileEnrollment = {
  id: number;
  workshopId: number;
  workshopName: string;
  startsAt: string;
  status: EnrollmentStatus;
  owedClp: number;
  refundDueClp: number;
  canPay: boolean;
  canCancel: boolean;
};

export type ProfileProps = {
  ctx: PageContext;
  account: { email: string; username: string | null; name: string; emailVerified: boolean };
  customer: {
    fullName: string;
    phone: string | null;
    birthDate: string | null;
    comuna: string | null;
    rut: string | null;
    interests: string[];
  } | null;
  upcoming: ProfileEnrollment[];
  past: ProfileEnrollment[];
  sales: {
    id: number;
    totalClp: number;
    status: SaleStatus;
    createdAt: string;
    lines: { productName: string; quantity: number; unitPriceClp: number }[];
  }[];
};

export function ProfilePage({ ctx, account, customer, upcoming, past, sales }: ProfileProps) {
  const firstName = account.name.split(' ')[0] || account.username || account.email;
  return (
    <Layout ctx={ctx} title={`Perfil de ${firstName}`}>
      <h1>Hola, {firstName}</h1>
      <div class="two-col profile">
        <section class="panel" aria-labelledby="datos">
          <h2 id="datos">Mis datos</h2>
          <dl class="profile-data">
            <dt>Correo</dt>
            <dd>
              {account.email}{' '}
              {account.emailVerified ? (
                <span class="chip">Confirmado</span>
              ) : (
                <span class="chip chip-warning">Sin confirmar</span>
              )}
            </dd>
            {customer && (
              <>
                <dt>Nombre</dt>
                <dd data-test="profile-name">{customer.fullName}</dd>
                <dt>Teléfono</dt>
                <dd>{customer.phone ?? 'N/A'}</dd>
                <dt>Comuna</dt>
                <dd>{customer.comuna ?? 'N/A'}</dd>
                <dt>RUT</dt>
                <dd>{customer.rut ? formatRut(customer.rut) : 'N/A'}</dd>
                <dt>Fecha de nacimiento</dt>
                <dd>{customer.birthDate ? formatCalendarDate(customer.birthDate) : 'N/A'}</dd>
              </>
            )}
          </dl>
          {customer && customer.interests.length > 0 && (
            <p>
              {customer.interests.map((i) => (
                <span class="chip">{i}</span>
              ))}
            </p>
          )}
          {!account.emailVerified && (
            <div class="notice" data-test="verify-notice">
              <p>
                {customer
                  ? 'Aún no confirmas tu correo. Revisa tu bandeja de entrada (y la carpeta de spam).'
                  : 'Ya tenemos datos de cliente con este correo. Para ver tu historial, confirma tu correo con el enlace que te enviamos.'}
              </p>
              <form method="post" action="/cuenta/verificar/reenviar/">
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" class="button button-small button-secondary">
                  Reenviar correo de verificación
                </button>
              </form>
            </div>
          )}
          {account.emailVerified && !customer && (
            <p class="meta">Tus datos de cliente se completarán con tu primera inscripción o compra.</p>
          )}
          <p class="card-actions">
            {customer && (
              <a class="button button-small" href="/cuenta/perfil/editar/">
                Editar mis datos
              </a>
            )}
            <a class="button button-small button-secondary" href="/cuenta/password/">
              Cambiar contraseña
            </a>
          </p>
        </section>

        <div>
          <section class="panel" aria-labelledby="proximos">
            <h2 id="proximos">Mis próximos talleres</h2>
            {upcoming.length === 0 ? (
              <EmptyState>
                No tienes talleres próximos. <a href="/talleres/">Ver talleres</a>
              </EmptyState>
            ) : (
              <EnrollmentTable rows={upcoming} csrfToken={ctx.csrfToken} />
            )}
          </section>
          <section class="panel" aria-labelledby="pasados">
            <h2 id="pasados">Talleres anteriores</h2>
            {past.length === 0 ? (
              <EmptyState>Aún no tienes talleres anteriores.</EmptyState>
            ) : (
              <EnrollmentTable rows={past} csrfToken={ctx.csrfToken} />
            )}
          </section>
          <section class="panel" aria-labelledby="compras">
            <h2 id="compras">Mis compras</h2>
            {sales.length === 0 ? (
              <EmptyState>Aún no has comprado kits o productos.</EmptyState>
            ) : (
              sales.map((sale) => (
                <article class="purchase" data-test={`sale-${sale.id}`}>
                  <h3>
                    Compra #{sale.id} · <Money amount={sale.totalClp} />{' '}
                    <span class={`badge badge-${sale.status}`}>{SALE_STATUS_LABELS[sale.status]}</span>
                  </h3>
                  <p class="meta">{formatDateShort(sale.createdAt)}</p>
                  <ul>
                    {sale.lines.map((line) => (
                      <li>
                        {line.quantity} × {line.productName} (<Money amount={line.unitPriceClp} /> c/u)
                      </li>
                    ))}
                  </ul>
                  {sale.status === 'PENDIENTE' && (
                    <a class="button button-small" href={`/pago/venta/${sale.id}/`}>
                      Pagar
                    </a>
                  )}
                </article>
              ))
            )}
          </section>
        </div>
      </div>
    </Layout>
  );
}

function EnrollmentTable({ rows, csrfToken }: { rows: ProfileEnrollment[]; csrfToken: string }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Taller</th>
            <th scope="col">Fecha</th>
            <th scope="col">Estado</th>
            <th scope="col">Por pagar</th>
            <th scope="col">
              <span class="visually-hidden">Acciones</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr data-test={`enrollment-${e.id}`}>
              <td>
                <a href={`/talleres/${e.workshopId}/`}>{e.workshopName}</a>
              </td>
              <td>{formatDateTimeLong(e.startsAt)}</td>
              <td>
                <span class={`badge badge-${e.status}`}>{ENROLLMENT_STATUS_LABELS[e.status]}</span>
                {e.refundDueClp > 0 && (
                  <small class="meta">
                    {' '}
                    Reembolso pendiente: <Money amount={e.refundDueClp} />
                  </small>
                )}
              </td>
              <td>{e.owedClp > 0 ? <Money amount={e.owedClp} /> : '—'}</td>
              <td class="actions">
                {e.canPay && (
                  <a class="button button-small" href={`/pago/${e.id}/`}>
                    Pagar
                  </a>
                )}
                {e.canCancel && (
                  <form
                    method="post"
                    action={`/cuenta/inscripciones/${e.id}/anular/`}
                    class="inline-form"
                    data-confirm="¿Seguro que quieres anular esta inscripción?"
                  >
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="button button-small button-secondary">
                      Anular
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
