import type { WorkshopDetail } from '../../../../domain/workshops';
import { formatDuration, type WorkshopAvailability } from '../../../../domain/workshops';
import type { FormErrors } from '../../../../http/forms';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { MODALITY_LABEL, SeatsLeft, workshopImage } from './workshop-card';

/** What the logged-in visitor already has in this workshop. */
export type ViewerState = {
  customerName: string;
  phone: string | null;
  enrollment: { id: number; status: string } | null;
  waitlist: { status: 'WAITING' | 'OFFERED'; position: number; offerExpiresAt: string | null } | null;
};

type Props = {
  ctx: PageContext;
  workshop: WorkshopDetail;
  availability: WorkshopAvailability;
  viewer: ViewerState | null;
  values?: Record<string, string>;
  errors?: FormErrors;
};

const CLOSED_TEXT: Record<Exclude<WorkshopAvailability, 'open'>, string> = {
  finished: 'Este taller ya finalizó. Revisa el catálogo para ver las próximas fechas.',
  cancelled: 'Este taller fue cancelado. Revisa el catálogo para ver otras fechas.',
  inactive: 'Este taller no está disponible por ahora.',
};

export function WorkshopDetailPage({ ctx, workshop, availability, viewer, values = {}, errors = {} }: Props) {
  return (
    <Layout ctx={ctx} title={workshop.name} scripts={['/static/js/seats.js']}>
      <p>
        <a href="/talleres/">« Volver al catálogo</a>
      </p>
      <div class="two-col">
        <article class="panel workshop-detail">
          {workshop.imagePath && (
            <img
              class="detail-img"
              src={workshopImage(workshop.imagePath, 'page')}
              alt=""
              width="960"
              height="540"
            />
          )}
          {workshop.categoryName && <span class="chip">{workshop.categoryName}</span>}
          <h1>{workshop.name}</h1>
          <p class="description">{workshop.description}</p>
          <h2>Detalles del taller</h2>
          <dl class="facts">
            <dt>Fecha</dt>
            <dd>{formatDateTimeLong(workshop.startsAt)}</dd>
            <dt>Duración</dt>
            <dd>{formatDuration(workshop.durationMinutes)}</dd>
            <dt>Modalidad</dt>
            <dd>{MODALITY_LABEL[workshop.modality]}</dd>
            <dt>Lugar</dt>
            <dd>
              {workshop.modality === 'ONLINE'
                ? 'Online: te enviaremos el enlace de la sesión por correo al inscribirte.'
                : (workshop.location ?? 'Valparaíso (te confirmaremos la dirección por correo).')}
            </dd>
            <dt>Precio</dt>
            <dd>
              <span class="price">{workshop.priceClp === 0 ? 'Gratis' : formatClp(workshop.priceClp)}</span>
            </dd>
            <dt>Cupos</dt>
            <dd>
              {availability === 'open' ? (
                <SeatsLeft seatsLeft={workshop.seatsLeft} workshopId={workshop.id} />
              ) : (
                <span class="seats seats-none">No disponible</span>
              )}
            </dd>
          </dl>
        </article>

        <aside class="panel" aria-labelledby="reserva">
          <h2 id="reserva">Reserva tu cupo</h2>
          <Booking
            ctx={ctx}
            workshop={workshop}
            availability={availability}
            viewer={viewer}
            values={values}
            errors={errors}
          />
        </aside>
      </div>
    </Layout>
  );
}

function Booking({ ctx, workshop, availability, viewer, values = {}, errors = {} }: Props) {
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
        <form method="post" action={`/talleres/${workshop.id}/lista-espera/`} data-test="waitlist-form">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button">
            Unirme a la lista de espera
          </button>
        </form>
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
        <button type="submit" class="button button-block" data-test="enroll-button">
          Inscribirme
        </button>
      </form>
    </>
  );
}
