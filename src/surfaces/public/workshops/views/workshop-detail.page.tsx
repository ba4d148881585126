import type { CancellationPolicy } from '../../../../domain/enrollments';
import type { CreditOptions } from '../../../../domain/packs';
import { plural } from '../../../../domain/vocabulary';
import type { WorkshopDetail, WorkshopPricing } from '../../../../domain/workshops';
import { formatDuration, type WorkshopAvailability } from '../../../../domain/workshops';
import type { FormErrors } from '../../../../http/forms';
import { formatDateShort, formatDateTimeLong, formatSession } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CompanionFields } from '../../../../ui/companions';
import { CsrfField, Field, LineList, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { Picture } from '../../../../ui/picture';
import { CancellationPolicyBox } from './cancellation-policy';
import { MODALITY_LABEL, SeatsLeft } from './workshop-card';
import { WorkshopPrice } from './workshop-price';

/** What the logged-in visitor already has in this workshop. */
export type ViewerState = {
  customerName: string;
  phone: string | null;
  enrollment: { id: number; status: string } | null;
  waitlist: { status: 'WAITING' | 'OFFERED'; position: number; offerExpiresAt: string | null } | null;
  /** Pack credits and company seats that could pay this workshop instead of money. */
  credits: CreditOptions | null;
};

type Props = {
  ctx: PageContext;
  workshop: WorkshopDetail;
  availability: WorkshopAvailability;
  policy: CancellationPolicy;
  viewer: ViewerState | null;
  /** The series this workshop is a session of, if any. */
  series?: { seriesId: number; seriesName: string } | undefined;
  /** What it costs now (the early-bird price while it applies). */
  pricing: WorkshopPricing;
  values?: Record<string, string>;
  errors?: FormErrors;
};

const CLOSED_TEXT: Record<Exclude<WorkshopAvailability, 'open'>, string> = {
  finished: 'Este taller ya finalizó. Revisa el catálogo para ver las próximas fechas.',
  cancelled: 'Este taller fue cancelado. Revisa el catálogo para ver otras fechas.',
  inactive: 'Este taller no está disponible por ahora.',
};

/** Google Maps' documented search link: opens the app on a phone, the site elsewhere. */
const mapsUrl = (place: string) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place)}`;

export function WorkshopDetailPage(props: Props) {
  const { ctx, workshop, availability, policy, pricing } = props;
  const open = availability === 'open';
  return (
    <Layout
      ctx={ctx}
      title={workshop.name}
      description={workshop.description.slice(0, 160)}
      scripts={['/static/js/seats.js']}
    >
      <p class="back-link">
        <a href="/talleres/">« Volver al catálogo</a>
      </p>
      <div class="workshop-page">
        <div class="workshop-main">
          {/* Decorative: the title below names the workshop. */}
          <Picture class="workshop-cover" name={workshop.imagePath} alt="" layout="page" eager />
          <header class="workshop-head">
            <p class="chips">
              {workshop.categoryName && <span class="chip">{workshop.categoryName}</span>}
              <span class={`chip chip-${workshop.modality.toLowerCase()}`}>
                {MODALITY_LABEL[workshop.modality]}
              </span>
            </p>
            <h1>{workshop.name}</h1>
            <p class="workshop-when" data-test="workshop-when">
              {formatSession(workshop.startsAt, workshop.durationMinutes)}
            </p>
            {open && (
              <p class="workshop-quick">
                <WorkshopPrice pricing={pricing} />
                <SeatsLeft seatsLeft={workshop.seatsLeft} workshopId={workshop.id} />
                <a class="button button-small jump-to-booking" href="#reserva">
                  Reservar mi cupo
                </a>
              </p>
            )}
          </header>

          <p class="description">{workshop.description}</p>

          <section class="workshop-section" aria-labelledby="detalles">
            <h2 id="detalles">Detalles del taller</h2>
            <dl class="facts workshop-facts">
              <dt>Duración</dt>
              <dd>{formatDuration(workshop.durationMinutes)}</dd>
              <dt>Dónde</dt>
              <dd data-test="workshop-place">
                {workshop.modality === 'ONLINE' ? (
                  <>
                    Online, por videollamada: te enviaremos el enlace de la sesión por correo al inscribirte y
                    otra vez en el recordatorio, antes de que empiece.
                  </>
                ) : workshop.locationName && workshop.locationAddress ? (
                  <>
                    <strong data-test="workshop-location">{workshop.locationName}</strong>
                    {workshop.location && ` · ${workshop.location}`}
                    <br />
                    {workshop.locationAddress}
                    <br />
                    <a
                      href={workshop.locationMapsUrl ?? mapsUrl(workshop.locationAddress)}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-test="maps-link"
                    >
                      Cómo llegar (Google Maps)
                    </a>
                  </>
                ) : workshop.location ? (
                  <>
                    {workshop.location}
                    <br />
                    <a
                      href={mapsUrl(workshop.location)}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-test="maps-link"
                    >
                      Cómo llegar (Google Maps)
                    </a>
                  </>
                ) : (
                  'Valparaíso (te confirmaremos la dirección por correo).'
                )}
              </dd>
              {(workshop.facilitator?.name ?? workshop.facilitatorName) && (
                <>
                  <dt>Te guía</dt>
                  <dd data-test="facilitator">{workshop.facilitator?.name ?? workshop.facilitatorName}</dd>
                </>
              )}
              {props.series && (
                <>
                  <dt>Serie</dt>
                  <dd data-test="workshop-series">
                    Es una sesión de{' '}
                    <a href={`/series/${props.series.seriesId}/`}>{props.series.seriesName}</a>: puedes
                    reservar la serie completa.
                  </dd>
                </>
              )}
            </dl>
          </section>

          {(workshop.whatIncluded || workshop.whatToBring) && (
            <div class="workshop-lists">
              {workshop.whatIncluded && (
                <section class="workshop-section" aria-labelledby="incluye" data-test="what-included">
                  <h2 id="incluye">Qué incluye</h2>
                  <LineList class="checklist" text={workshop.whatIncluded} />
                </section>
              )}
              {workshop.whatToBring && (
                <section class="workshop-section" aria-labelledby="traer" data-test="what-to-bring">
                  <h2 id="traer">Qué traer</h2>
                  <LineList class="bring-list" text={workshop.whatToBring} />
                </section>
              )}
            </div>
          )}

          {workshop.facilitator && (workshop.facilitator.bio || workshop.facilitator.imagePath) && (
            <section
              class="workshop-section facilitator-card"
              aria-labelledby="guia"
              data-test="facilitator-card"
            >
              {workshop.facilitator.imagePath && (
                <Picture
                  name={workshop.facilitator.imagePath}
                  alt=""
                  layout="thumb"
                  class="facilitator-photo"
                />
              )}
              <div>
                <h2 id="guia">Quién te guía: {workshop.facilitator.name}</h2>
                {(workshop.facilitator.bio ?? '')
                  .split(/\n\s*\n/)
                  .filter((paragraph) => paragraph.trim())
                  .map((paragraph) => (
                    <p class="facilitator-bio">{paragraph.trim()}</p>
                  ))}
              </div>
            </section>
          )}
        </div>

        <aside class="panel booking" id="reserva" aria-labelledby="reserva-titulo">
          <h2 id="reserva-titulo">Reserva tu cupo</h2>
          {open && (
            <p class="booking-price">
              <WorkshopPrice pricing={pricing} />
              <SeatsLeft seatsLeft={workshop.seatsLeft} workshopId={workshop.id} />
            </p>
          )}
          {!open && <p class="seats seats-none">No disponible</p>}
          <Booking {...props} />
          {open && <CancellationPolicyBox policy={policy} />}
        </aside>
      </div>
    </Layout>
  );
}

function Booking({ ctx, workshop, availability, viewer, pricing, values = {}, errors = {} }: Props) {
  if (availability !== 'open') return <p data-test="workshop-closed">{CLOSED_TEXT[availability]}</p>;

  if (!ctx.user || !viewer) {
    return (
      <>
        <p>Para inscribirte debes iniciar sesión o crear una cuenta.</p>
        <p class="button-row">
          <a
            class="button"
            href={`/login/?next=${encodeURIComponent(`/talleres/${workshop.id}/`)}`}
            data-test="login-to-enroll"
          >
            Iniciar sesión
          </a>{' '}
          <a class="button button-secondary" href="/cuenta/registro/" data-test="register-to-enroll">
            Crear cuenta
          </a>
        </p>
      </>
    );
  }

  if (viewer.enrollment) {
    return (
      <>
        <p data-test="already-enrolled">Ya estás inscrito(a) en este taller.</p>
        <p>
          <a class="button" href={`/pago/${viewer.enrollment.id}/`}>
            Ver mi inscripción
          </a>
        </p>
      </>
    );
  }

  if (viewer.waitlist?.status === 'OFFERED') {
    return (
      <>
        <p data-test="waitlist-offer">
          ¡Se liberó un cupo y lo guardamos para ti
          {viewer.waitlist.offerExpiresAt
            ? ` hasta el ${formatDateTimeLong(viewer.waitlist.offerExpiresAt)}`
            : ''}
          !
        </p>
        <p>
          <a class="button" href={`/talleres/${workshop.id}/lista-espera/aceptar/`}>
            Tomar mi cupo
          </a>
        </p>
      </>
    );
  }

  if (workshop.seatsLeft <= 0) {
    if (viewer.waitlist) {
      return (
        <>
          <p data-test="on-waitlist">
            Estás en la lista de espera (lugar {viewer.waitlist.position}). Si se libera un cupo te
            escribiremos y lo guardaremos para ti.
          </p>
          <form method="post" action={`/talleres/${workshop.id}/lista-espera/salir/`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button button-secondary">
              Salir de la lista de espera
            </button>
          </form>
        </>
      );
    }
    return (
      <>
        <p>No es posible inscribirse: el taller está completo.</p>
        <p>Únete a la lista de espera y te avisaremos por correo si se libera un cupo.</p>
        <WaitlistJoinForm ctx={ctx} workshopId={workshop.id} seatsLeft={0} />
      </>
    );
  }

  return (
    <>
      <p>¡Hola, {viewer.customerName}! Usaremos tu cuenta para la inscripción.</p>
      <form method="post" action={`/talleres/${workshop.id}/`} data-test="enroll-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="telefono"
          label="Teléfono (opcional)"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          value={values.telefono ?? viewer.phone ?? ''}
          error={errors.telefono}
          hint="Para avisarte de cualquier cambio. Ej: +56 9 1234 5678"
        />
        <CompanionFields
          maxSeats={workshop.seatsLeft}
          values={values}
          errors={errors}
          unitPriceClp={pricing.priceClp}
        />
        <CreditChoices credits={viewer.credits} />
        <button
          type="submit"
          class={
            viewer.credits?.pack || viewer.credits?.company
              ? 'button button-secondary button-block'
              : 'button button-block'
          }
          data-test="enroll-button"
        >
          {viewer.credits?.pack || viewer.credits?.company ? 'Inscribirme y pagar' : 'Inscribirme'}
        </button>
      </form>
      {workshop.seatsLeft < 4 && (
        <details class="waitlist-party" data-test="waitlist-party">
          <summary>¿Necesitas más cupos? Únete a la lista de espera</summary>
          <WaitlistJoinForm ctx={ctx} workshopId={workshop.id} seatsLeft={workshop.seatsLeft} />
        </details>
      )}
    </>
  );
}

/**
 * Joining a workshop's waitlist for 1–4 seats: only for more seats than are free now (a party of
 * three may wait while two are left). The offer comes when all of them are free.
 */
function WaitlistJoinForm(props: { ctx: PageContext; workshopId: number; seatsLeft: number }) {
  const options = ['1 cupo (solo yo)', '2 cupos', '3 cupos', '4 cupos']
    .map((label, i) => ({ value: String(i + 1), label }))
    .slice(props.seatsLeft);
  return (
    <form method="post" action={`/talleres/${props.workshopId}/lista-espera/`} data-test="waitlist-form">
      <CsrfField token={props.ctx.csrfToken} />
      <SelectField name="cupos" label="Cupos que necesitas" options={options} value={options[0]!.value} />
      <button type="submit" class="button">
        Unirme a la lista de espera
      </button>
    </form>
  );
}

/** Paying with a pack credit or a company seat: one more submit button each, in the enroll form. */
function CreditChoices({ credits }: { credits: CreditOptions | null }) {
  if (!credits?.pack && !credits?.company) return null;
  return (
    <div class="credit-choices" data-test="credit-choices">
      {credits.pack && (
        <div class="credit-choice">
          <p>
            Tienes {plural(credits.pack.credits, 'crédito', 'créditos')} para este taller. Usaremos «
            {credits.pack.name}», que vence el {formatDateShort(credits.pack.expiresAt)}.
          </p>
          <button
            type="submit"
            name="pago"
            value="bono"
            class="button button-block"
            data-test="enroll-with-credit"
          >
            Inscribirme con créditos (1 por cupo)
          </button>
        </div>
      )}
      {credits.company && (
        <div class="credit-choice">
          <p>
            {credits.company.name} tiene{' '}
            {plural(credits.company.seats, 'cupo disponible', 'cupos disponibles')} para su equipo.
          </p>
          <button
            type="submit"
            name="pago"
            value="empresa"
            class="button button-block"
            data-test="enroll-with-company-seat"
          >
            Inscribirme con cupos de mi empresa
          </button>
        </div>
      )}
    </div>
  );
}
