import type { CancellationPolicy, EnrollmentSummary } from '../../../../domain/enrollments';
import type { PaymentChoice } from '../../../../domain/payments';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, DataList, PageHeader, StatusBadge } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { DiscountCodeBox } from '../../discounts/views/discount-code-box';
import { GiftCardBox } from '../../gift-cards/views/gift-card-box';
import { CancellationPolicyBox } from '../../workshops/views/cancellation-policy';
import { DemoPaymentActions, NoProviderNotice, ProviderChoice } from './provider-choice';

type Props = {
  ctx: PageContext;
  enrollment: EnrollmentSummary;
  policy: CancellationPolicy;
  choice: PaymentChoice;
  appliedCode: { code: string; discountClp: number } | undefined;
  formError?: string;
};

/**
 * An enrollment's payment page: what it costs and what is left, the providers staff offer with
 * "Pagar" as the one main action (the simulated page's own "Pagar" when it is the only one), and the
 * demo's simulated payment as a quiet, clearly labelled extra.
 */
export function PaymentPage({ ctx, enrollment, policy, choice, appliedCode, formError }: Props) {
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
              {enrollment.amountPaidClp === 0 && (
                <DiscountCodeBox
                  action={`/pago/${enrollment.id}/codigo/`}
                  csrfToken={ctx.csrfToken}
                  applied={appliedCode}
                />
              )}
              <GiftCardBox action={`/pago/${enrollment.id}/tarjeta-regalo/`} csrfToken={ctx.csrfToken} />
              {/* Before the button: the policy replaces the right of withdrawal (Ley 19.496). */}
              <CancellationPolicyBox policy={policy} />
              <p class="meta">Al pagar aceptas esta política de anulación.</p>
              <ProviderChoice
                action={`/pago/${enrollment.id}/en-linea/`}
                choice={choice}
                amountClp={balance}
                csrfToken={ctx.csrfToken}
              />
              {!choice.simulated && choice.online.length === 0 && (
                <NoProviderNotice email={ctx.centre.email} />
              )}
              {choice.simulated && choice.online.length === 0 && (
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
              )}
              <p>
                <a href="/cuenta/perfil/" data-test="pay-later">
                  Pagar después
                </a>{' '}
                <span class="meta">(desde «Mi cuenta» o el día del taller)</span>
              </p>
              {choice.simulated && (
                <DemoPaymentActions
                  action={`/pago/${enrollment.id}/`}
                  csrfToken={ctx.csrfToken}
                  withPay={choice.online.length > 0}
                  payTest="pay"
                  failTest="pay-fail"
                />
              )}
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
              {
                label: 'Precio',
                value: enrollment.isEarlyBird
                  ? `${formatClp(enrollment.amountDueClp + enrollment.discountClp)} (precio de preventa)`
                  : null,
              },
              {
                label: 'Descuento',
                value: enrollment.discountClp > 0 ? `−${formatClp(enrollment.discountClp)}` : null,
              },
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
