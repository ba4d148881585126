import type { EnrollmentStatus } from '../../../../db/schema';
import type { PaymentChoice } from '../../../../domain/payments';
import { ENROLLMENT_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, PageHeader, ResponsiveTable, StatusBadge } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { NoProviderNotice, ProviderChoice } from '../../payments/views/provider-choice';

type Props = {
  ctx: PageContext;
  booking: {
    id: number;
    seriesId: number;
    seriesName: string;
    enrollments: {
      id: number;
      status: EnrollmentStatus;
      amountDueClp: number;
      owedClp: number;
      workshopName: string;
      startsAt: string;
    }[];
  };
  owedClp: number;
  choice: PaymentChoice;
};

/**
 * A series booking: its sessions (one enrollment each) and one "Pagar" for everything still owed.
 * Each enrollment keeps its own payment page, where a single session can be paid online.
 */
export function SeriesBookingPage({ ctx, booking, owedClp, choice }: Props) {
  return (
    <Layout ctx={ctx} title={`Tu reserva: ${booking.seriesName}`}>
      <PageHeader
        title="Tu reserva de la serie"
        lead={booking.seriesName}
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      <section class="panel" aria-labelledby="pago">
        <h2 id="pago">Pago</h2>
        {owedClp > 0 ? (
          <>
            <p>
              Paga <strong data-test="booking-owed">{formatClp(owedClp)}</strong> de una vez para asegurar
              todas tus sesiones.
            </p>
            <ProviderChoice
              action={`/series/reservas/${booking.id}/en-linea/`}
              choice={choice}
              amountClp={owedClp}
              csrfToken={ctx.csrfToken}
            />
            {!choice.simulated && choice.online.length === 0 && <NoProviderNotice email={ctx.centre.email} />}
            {choice.simulated && (
              <form method="post" action={`/series/reservas/${booking.id}/pagar/`} class="pay-actions">
                <CsrfField token={ctx.csrfToken} />
                <button
                  type="submit"
                  class={
                    choice.online.length > 0 ? 'button button-small button-quiet' : 'button button-block'
                  }
                  data-test="pay-booking"
                >
                  Pagar {formatClp(owedClp)} (pago simulado)
                </button>
              </form>
            )}
          </>
        ) : (
          <p data-test="booking-paid">✅ ¡Tu serie está pagada!</p>
        )}
      </section>
      <section class="panel section" aria-labelledby="sesiones">
        <h2 id="sesiones">Sesiones</h2>
        <ResponsiveTable
          caption="Sesiones de tu reserva"
          rows={booking.enrollments}
          rowAttributes={() => ({ 'data-test': 'booking-session' })}
          columns={[
            { label: 'Sesión', title: true, cell: (e) => formatDateTimeLong(e.startsAt) },
            {
              label: 'Estado',
              cell: (e) => <StatusBadge status={e.status} label={ENROLLMENT_STATUS_LABELS[e.status]} />,
            },
            { label: 'Precio', numeric: true, cell: (e) => formatClp(e.amountDueClp) },
            {
              label: 'Pago',
              actions: true,
              cell: (e) => (e.owedClp > 0 ? <a href={`/pago/${e.id}/`}>Pagar solo esta sesión</a> : null),
            },
          ]}
        />
      </section>
    </Layout>
  );
}
