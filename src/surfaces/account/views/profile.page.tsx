import type {
  EnrollmentStatus,
  PaymentKind,
  PaymentMethod,
  ProductKind,
  SaleStatus,
} from '../../../db/schema';
import {
  ENROLLMENT_STATUS_LABELS,
  PAYMENT_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  SALE_STATUS_LABELS,
} from '../../../domain/vocabulary';
import { formatCalendarDate, formatDateShort, formatDateTimeLong } from '../../../lib/dates';
import { formatRut } from '../../../lib/rut';
import {
  Badge,
  ButtonLink,
  CsrfField,
  DataList,
  EmptyState,
  Money,
  PageHeader,
  ResponsiveTable,
  Section,
  StatusBadge,
} from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { FulfilmentLine, type FulfilmentView } from '../../../ui/fulfilment';
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
  hasTicket: boolean;
  /** The certificate of attendance to download, when one was issued. */
  certificatePath: string | null;
  /** Seats held: the customer's and their companions' (1–4). */
  seats: number;
};

export type ProfileProps = {
  ctx: PageContext;
  account: {
    email: string;
    username: string | null;
    name: string;
    emailVerified: boolean;
    hasCalendarFeed: boolean;
  };
  customer: {
    fullName: string;
    phone: string | null;
    birthDate: string | null;
    comuna: string | null;
    rut: string | null;
    interests: string[];
    marketing: { allowed: boolean; consentAt: string | null };
  } | null;
  upcoming: ProfileEnrollment[];
  history: ProfileEnrollment[];
  waitlist: {
    id: number;
    workshopId: number;
    workshopName: string;
    startsAt: string;
    offered: boolean;
    position: number | null;
    offerExpiresAt: string | null;
  }[];
  sales: {
    id: number;
    totalClp: number;
    status: SaleStatus;
    createdAt: string;
    lines: { productName: string; kind: ProductKind; quantity: number; unitPriceClp: number }[];
    fulfilment: FulfilmentView | null;
  }[];
  payments: {
    id: number;
    kind: PaymentKind;
    amountClp: number;
    method: PaymentMethod;
    paidAt: string;
    enrollmentId: number | null;
    saleId: number | null;
    workshopName: string | null;
  }[];
};

/**
 * The customer's account: what is coming (workshops, waitlist places and offers), what they bought
 * and paid, their history, and their data. On a phone the sections follow one another in that order;
 * on a wide screen their data sits beside them.
 */
export function ProfilePage({
  ctx,
  account,
  customer,
  upcoming,
  history,
  waitlist,
  sales,
  payments,
}: ProfileProps) {
  const firstName = account.name.split(' ')[0] || account.username || account.email;
  return (
    <Layout ctx={ctx} title="Mi cuenta">
      <PageHeader
        title="Mi cuenta"
        lead={`Hola, ${firstName}. Aquí están tus talleres, tus compras y tus datos.`}
      />
      <div class="account-layout">
        <div>
          <Section id="proximos" title="Mis próximos talleres">
            {upcoming.length === 0 ? (
              <EmptyState action={{ href: '/talleres/', label: 'Ver talleres' }}>
                No tienes talleres próximos.
              </EmptyState>
            ) : (
              <EnrollmentTable rows={upcoming} csrfToken={ctx.csrfToken} caption="Mis próximos talleres" />
            )}
          </Section>

          <Section id="espera" title="Listas de espera">
            {waitlist.length === 0 ? (
              <p class="meta">No estás en ninguna lista de espera.</p>
            ) : (
              waitlist.map((w) => (
                <article class="item-card" data-test={`waitlist-${w.id}`}>
                  <h3>
                    <a href={`/talleres/${w.workshopId}/`}>{w.workshopName}</a>
                  </h3>
                  <p class="meta">{formatDateTimeLong(w.startsAt)}</p>
                  {w.offered ? (
                    <>
                      <p>
                        <Badge tone="ok">Cupo ofrecido</Badge> Se liberó un cupo y lo guardamos para ti
                        {w.offerExpiresAt ? ` hasta el ${formatDateTimeLong(w.offerExpiresAt)}` : ''}.
                      </p>
                      <ButtonLink href={`/talleres/${w.workshopId}/lista-espera/aceptar/`} size="small">
                        Tomar mi cupo
                      </ButtonLink>
                    </>
                  ) : (
                    <p>
                      <Badge tone="info">En espera</Badge> Estás en el lugar <strong>{w.position}</strong> de
                      la lista. Si se libera un cupo te escribiremos.
                    </p>
                  )}
                </article>
              ))
            )}
          </Section>

          <Section id="compras" title="Mis compras de kits">
            {sales.length === 0 ? (
              <EmptyState action={{ href: '/productos/', label: 'Ver kits' }}>
                Aún no has comprado kits.
              </EmptyState>
            ) : (
              sales.map((sale) => (
                <article class="purchase" data-test={`sale-${sale.id}`}>
                  <h3>
                    Compra #{sale.id}{' '}
                    <StatusBadge status={sale.status} label={SALE_STATUS_LABELS[sale.status]} />
                  </h3>
                  <p class="meta">
                    {formatDateShort(sale.createdAt)} · Total <Money amount={sale.totalClp} />
                  </p>
                  <ul>
                    {sale.lines.map((line) => (
                      <li>
                        {line.quantity} × {line.productName} (<Money amount={line.unitPriceClp} /> c/u)
                      </li>
                    ))}
                  </ul>
                  {/* Gift cards and packs are handed over by being paid: only kits are picked up or sent. */}
                  {sale.fulfilment &&
                    sale.status !== 'ANULADO' &&
                    sale.lines.some((l) => l.kind === 'kit') && (
                      <FulfilmentLine f={sale.fulfilment} pickupAddress={ctx.centre.address} />
                    )}
                  {sale.status === 'PENDIENTE' && (
                    <ButtonLink href={`/pago/venta/${sale.id}/`} size="small">
                      Pagar
                    </ButtonLink>
                  )}
                </article>
              ))
            )}
          </Section>

          <Section id="pagos" title="Mis pagos">
            {payments.length === 0 ? (
              <p class="meta">Aún no hay pagos registrados.</p>
            ) : (
              <ResponsiveTable
                caption="Mis pagos"
                rows={payments}
                rowAttributes={(p) => ({ 'data-test': `payment-${p.id}` })}
                columns={[
                  { label: 'Fecha', cell: (p) => formatDateShort(p.paidAt) },
                  {
                    label: 'Detalle',
                    cell: (p) => (
                      <>
                        {p.kind === 'REFUND' && <Badge tone="neutral">{PAYMENT_KIND_LABELS.REFUND}</Badge>}{' '}
                        {p.workshopName ?? (p.saleId ? `Compra #${p.saleId}` : PAYMENT_KIND_LABELS[p.kind])}
                      </>
                    ),
                  },
                  { label: 'Medio de pago', cell: (p) => PAYMENT_METHOD_LABELS[p.method] },
                  {
                    label: 'Monto',
                    numeric: true,
                    cell: (p) => <Money amount={p.kind === 'REFUND' ? -p.amountClp : p.amountClp} />,
                  },
                ]}
              />
            )}
          </Section>

          <Section id="historial" title="Historial">
            {history.length === 0 ? (
              <p class="meta">Aquí verás tus talleres pasados y las inscripciones anuladas.</p>
            ) : (
              <EnrollmentTable rows={history} csrfToken={ctx.csrfToken} caption="Historial de talleres" />
            )}
          </Section>
        </div>

        <aside>
          <Section id="bonos" title="Mis bonos">
            <p class="meta">Tus bonos de clases: créditos disponibles, vencimiento e historial.</p>
            <ButtonLink href="/cuenta/bonos/" variant="secondary" size="small" data-test="packs-link">
              Ver mis bonos
            </ButtonLink>
          </Section>
          <Section id="tarjetas-regalo" title="Mis tarjetas de regalo">
            <p class="meta">Las tarjetas de regalo que compraste y las que te regalaron, con su saldo.</p>
            <ButtonLink
              href="/cuenta/tarjetas-regalo/"
              variant="secondary"
              size="small"
              data-test="gift-cards-link"
            >
              Ver mis tarjetas
            </ButtonLink>
          </Section>
          <Section id="datos" title="Mis datos">
            <DataList
              stacked
              items={[
                {
                  label: 'Correo',
                  value: (
                    <>
                      {account.email}{' '}
                      {account.emailVerified ? (
                        <Badge tone="ok">Confirmado</Badge>
                      ) : (
                        <Badge tone="warn">Sin confirmar</Badge>
                      )}
                    </>
                  ),
                },
                ...(customer
                  ? [
                      { label: 'Nombre', value: customer.fullName, 'data-test': 'profile-name' },
                      { label: 'Teléfono', value: customer.phone },
                      { label: 'Comuna', value: customer.comuna },
                      { label: 'RUT', value: customer.rut ? formatRut(customer.rut) : null },
                      {
                        label: 'Fecha de nacimiento',
                        value: customer.birthDate ? formatCalendarDate(customer.birthDate) : null,
                      },
                      {
                        label: 'Novedades por correo',
                        'data-test': 'profile-marketing',
                        value: customer.marketing.allowed
                          ? customer.marketing.consentAt
                            ? `Sí, desde el ${formatDateShort(customer.marketing.consentAt)}`
                            : 'Sí'
                          : 'No',
                      },
                    ]
                  : []),
              ]}
            />
            {customer && customer.interests.length > 0 && (
              <p class="cluster">
                <span class="visually-hidden">Tus intereses:</span>
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
            <div class="button-row">
              {customer && (
                <ButtonLink href="/cuenta/perfil/editar/" size="small">
                  Editar mis datos
                </ButtonLink>
              )}
              <ButtonLink href="/cuenta/password/" variant="secondary" size="small">
                Cambiar contraseña
              </ButtonLink>
            </div>
          </Section>
          {customer && <CalendarSection ctx={ctx} active={account.hasCalendarFeed} />}
        </aside>
      </div>
    </Layout>
  );
}

function EnrollmentTable({
  rows,
  csrfToken,
  caption,
}: {
  rows: ProfileEnrollment[];
  csrfToken: string;
  caption: string;
}) {
  return (
    <ResponsiveTable
      caption={caption}
      rows={rows}
      rowAttributes={(e) => ({ 'data-test': `enrollment-${e.id}` })}
      columns={[
        {
          label: 'Taller',
          title: true,
          cell: (e) => (
            <>
              <a href={`/talleres/${e.workshopId}/`}>{e.workshopName}</a>
              {e.seats > 1 && <span class="meta"> · {e.seats} cupos</span>}
            </>
          ),
        },
        { label: 'Fecha', cell: (e) => formatDateTimeLong(e.startsAt) },
        {
          label: 'Estado',
          cell: (e) => (
            <>
              <StatusBadge status={e.status} label={ENROLLMENT_STATUS_LABELS[e.status]} />
              {e.refundDueClp > 0 && (
                <small class="meta">
                  {' '}
                  Reembolso pendiente: <Money amount={e.refundDueClp} />
                </small>
              )}
            </>
          ),
        },
        {
          label: 'Por pagar',
          numeric: true,
          cell: (e) => (e.owedClp > 0 ? <Money amount={e.owedClp} /> : '—'),
        },
        {
          label: 'Acciones',
          actions: true,
          cell: (e) => (
            <>
              {e.certificatePath && (
                <a href={e.certificatePath} class="button button-small button-secondary" download>
                  Certificado
                </a>
              )}
              {e.hasTicket && (
                <ButtonLink href={`/cuenta/inscripciones/${e.id}/entrada/`} variant="secondary" size="small">
                  Mi entrada
                </ButtonLink>
              )}
              {e.canPay && (
                <ButtonLink href={`/pago/${e.id}/`} size="small">
                  Pagar
                </ButtonLink>
              )}
              {e.canCancel && (
                <form
                  method="post"
                  action={`/cuenta/inscripciones/${e.id}/anular/`}
                  class="inline-form"
                  data-confirm="¿Seguro que quieres anular esta inscripción?"
                >
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="button button-small button-quiet">
                    Anular
                  </button>
                </form>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** The private calendar feed: make an address (or a new one), or switch it off. */
function CalendarSection({ ctx, active }: { ctx: PageContext; active: boolean }) {
  return (
    <Section id="calendario" title="Mi calendario">
      <p class="meta" data-test="calendar-state">
        {active
          ? 'Tu calendario está suscrito a tus talleres con un enlace privado.'
          : 'Ve tus talleres en Google Calendar, Apple o Outlook: se actualizan solos.'}
      </p>
      <div class="button-row">
        <form method="post" action="/cuenta/calendario/">
          <CsrfField token={ctx.csrfToken} />
          <button
            type="submit"
            class={active ? 'button button-small button-secondary' : 'button button-small'}
          >
            {active ? 'Crear un enlace nuevo' : 'Crear enlace de calendario'}
          </button>
        </form>
        {active && (
          <form method="post" action="/cuenta/calendario/desactivar/">
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button button-small button-quiet">
              Desactivar
            </button>
          </form>
        )}
      </div>
    </Section>
  );
}
