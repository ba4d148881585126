import type { CancellationPolicy, EnrollmentSummary } from '../../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { CancellationPolicyBox } from '../../workshops/views/cancellation-policy';

type Props = {
  ctx: PageContext;
  enrollment: EnrollmentSummary;
  policy: CancellationPolicy;
  formError?: string;
};

export function PaymentPage({ ctx, enrollment, policy, formError }: Props) {
  const balance = enrollment.owedClp;
  const payable = balance > 0;
  return (
    <Layout ctx={ctx} title={`Pago Pendiente: ${enrollment.workshopName}`}>
      <h1>Proceso de Pago — {enrollment.workshopName}</h1>
      <div class="two-col">
        <section class="panel" aria-labelledby="resumen">
          <h2 id="resumen">Resumen de Inscripción</h2>
          <dl class="facts">
            <dt>Cliente</dt>
            <dd>
              {enrollment.customerName} ({enrollment.customerEmail})
            </dd>
            <dt>Taller</dt>
            <dd>
              <a href={`/talleres/${enrollment.workshopId}/`}>{enrollment.workshopName}</a>
            </dd>
            <dt>Fecha</dt>
            <dd>{formatDateTimeLong(enrollment.startsAt)}</dd>
            <dt>Monto total</dt>
            <dd>{formatClp(enrollment.amountDueClp)}</dd>
            <dt>Pagado</dt>
            <dd>{formatClp(enrollment.amountPaidClp)}</dd>
            <dt>Saldo a pagar</dt>
            <dd>
              <span class="price" data-test="balance">
                {formatClp(balance)}
              </span>
            </dd>
            <dt>Estado</dt>
            <dd>
              <span class={`badge badge-${enrollment.status}`} data-test="enrollment-status">
                {ENROLLMENT_STATUS_LABELS[enrollment.status]}
              </span>
            </dd>
            {enrollment.expiresAt && enrollment.status === 'PENDIENTE' && (
              <>
                <dt>Reserva válida hasta</dt>
                <dd>{formatDateTimeLong(enrollment.expiresAt)}</dd>
              </>
            )}
          </dl>
        </section>

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
              <p>
                Este es un pago simulado: no se hace ningún cargo real. Paga {formatClp(balance)} para
                asegurar tu cupo.
              </p>
              {/* Before the button: the policy replaces the right of withdrawal (Ley 19.496). */}
              <CancellationPolicyBox policy={policy} />
              <p class="meta">Al pagar aceptas esta política de anulación.</p>
              <form method="post" action={`/pago/${enrollment.id}/`} class="stack">
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
                <button
                  type="submit"
                  name="accion_pago"
                  value="fallar"
                  class="button button-secondary button-block"
                  data-test="pay-fail"
                >
                  Simular pago rechazado
                </button>
              </form>
              <p>
                <a href="/cuenta/perfil/" data-test="pay-later">
                  Pagar después
                </a>{' '}
                <span class="meta">(puedes pagar desde tu perfil o el día del taller)</span>
              </p>
            </>
          )}
          <p>
            <a href="/talleres/">← Volver al Catálogo</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
