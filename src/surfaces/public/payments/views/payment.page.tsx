import type { CancellationPolicy, EnrollmentSummary } from '../../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, DataList, PageHeader, StatusBadge } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { CancellationPolicyBox } from '../../workshops/views/cancellation-policy';

type Props = {
  ctx: PageContext;
  enrollment: EnrollmentSummary;
  policy: CancellationPolicy;
  formError?: string;
};

/**
 * An enrollment's payment page: what it costs and what is left, "Pagar" as the one main action,
 * and the demo's simulated rejection as a quiet, clearly labelled extra.
 */
export function PaymentPage({ ctx, enrollment, policy, formError }: Props) {
  const balance = enrollment.owedClp;
  const payable = balance > 0;
  return (
    <Layout ctx={ctx} title={`Pago de tu inscripción: ${enrollment.workshopName}`}>
      <PageHeader
        title="Pago de tu inscripción"
        lead={enrollment.workshopName}
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      <div class="two-col two-col-even">
        <section class="panel" aria-labelledby="pagar">
          <h2 id="pagar">Pago</h2>
          {formError && (
            <p class="error" role="alert">
              {formError}
            </p>
          )}
          {enrollment.status === 'ANULADO' ? (
            <p data-test="payment-cancelled">Esta inscripción fue anulada: no se puede pagar.</p>
          ) : !payable ? (
            <p data-test="payment-done">✅ ¡Este taller ya está pagado!</p>
          ) : (
            <>
              <p>Paga {formatClp(balance)} para asegurar tu cupo.</p>
              {/* Before the button: the policy replaces the right of withdrawal (Ley 19.496). */}
              <CancellationPolicyBox policy={policy} />
              <p class="meta">Al pagar aceptas esta política de anulación.</p>
              <form method="post" action={`/pago/${enrollment.id}/`} class="pay-actions">
                <CsrfField token={ctx.csrfToken} />
                <button
                  type="submit"
                  name="accion_pago"
                  value="pagar"
                  class="button button-block"
                  data-test="pay"
                >
                  Pagar {formatClp(balance)}
                </button>
              </form>
              <p>
                <a href="/cuenta/perfil/" data-test="pay-later">
                  Pagar después
                </a>{' '}
                <span class="meta">(desde «Mi cuenta» o el día del taller)</span>
              </p>
              <div class="demo-actions">
                <p>
                  <strong>Sitio de demostración:</strong> el pago es simulado y no se hace ningún cargo real.
                </p>
                <form method="post" action={`/pago/${enrollment.id}/`}>
                  <CsrfField token={ctx.csrfToken} />
                  <button
                    type="submit"
                    name="accion_pago"
                    value="fallar"
                    class="button button-small button-quiet"
                    data-test="pay-fail"
                  >
                    Simular pago rechazado (demostración)
                  </button>
                </form>
              </div>
            </>
          )}
          {enrollment.status !== 'ANULADO' && (
            <p class="meta">
              Puedes anular desde «Mi cuenta» hasta {plural(enrollment.cancellationCutoffHours, 'hora')} antes
              del taller. Lee los <a href="/terminos/#anulaciones">términos de anulación y devolución</a>.
            </p>
          )}
        </section>
        <section class="panel" aria-labelledby="resumen">
          <h2 id="resumen">Resumen de la inscripción</h2>
          <DataList
            items={[
              {
                label: 'Taller',
                value: <a href={`/talleres/${enrollment.workshopId}/`}>{enrollment.workshopName}</a>,
              },
              { label: 'Fecha', value: formatDateTimeLong(enrollment.startsAt) },
              { label: 'Nombre', value: enrollment.customerName },
              { label: 'Correo', value: enrollment.customerEmail },
              { label: 'Monto total', value: formatClp(enrollment.amountDueClp) },
              { label: 'Pagado', value: formatClp(enrollment.amountPaidClp) },
              {
                label: 'Saldo a pagar',
                value: (
                  <span class="price" data-test="balance">
                    {formatClp(balance)}
                  </span>
                ),
              },
              {
                label: 'Estado',
                value: (
                  <StatusBadge
                    status={enrollment.status}
                    label={ENROLLMENT_STATUS_LABELS[enrollment.status]}
                    data-test="enrollment-status"
                  />
                ),
              },
              {
                label: 'Reserva válida hasta',
                value:
                  enrollment.expiresAt && enrollment.status === 'PENDIENTE'
                    ? formatDateTimeLong(enrollment.expiresAt)
                    : null,
              },
            ]}
            omitEmpty
          />
        </section>
      </div>
    </Layout>
  );
}
