import type {
  CancellationPolicy,
  CompanionRow,
  CreditPaymentOffer,
  EnrollmentSummary,
} from '../../../../domain/enrollments';
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
import { PackCreditBox } from './pack-credit-box';
import { DemoPaymentActions, NoProviderNotice, ProviderChoice } from './provider-choice';

type Props = {
  ctx: PageContext;
  enrollment: EnrollmentSummary;
  policy: CancellationPolicy;
  choice: PaymentChoice;
  appliedCode: { code: string; discountClp: number } | undefined;
  /** The customer's pack credits that could pay it instead of money; null when none may. */
  creditOffer: CreditPaymentOffer | null;
  formError?: string;
  /** The booking's companions still holding a seat (seats 2–4). */
  companions?: CompanionRow[];
};

/**
 * An enrollment's payment page: what it costs and what is left, the providers staff offer with
 * "Pagar" as the one main action (the simulated page's own "Pagar" when it is the only one), and the
 * demo's simulated payment as a quiet, clearly labelled extra.
 */
export function PaymentPage({
  ctx,
  enrollment,
  policy,
  choice,
  appliedCode,
  creditOffer,
  formError,
  companions = [],
}: Props) {
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
              {creditOffer && (
                <PackCreditBox
                  action={`/pago/${enrollment.id}/credito/`}
                  csrfToken={ctx.csrfToken}
                  offer={creditOffer}
                  seats={enrollment.seats}
                />
              )}
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
          <CompanionList ctx={ctx} enrollment={enrollment} companions={companions} />
        </section>
      </div>
    </Layout>
  );
}

/**
 * A booking for companions: its seats and who holds them, with "Quitar" on each companion's seat
 * for the customer who booked (the service applies the cut-off and refunds that seat's share).
 */
function CompanionList({
  ctx,
  enrollment,
  companions,
}: {
  ctx: PageContext;
  enrollment: EnrollmentSummary;
  companions: CompanionRow[];
}) {
  if (enrollment.seats <= 1 && companions.length === 0) return null;
  const own = ctx.user?.customerId === enrollment.customerId && enrollment.status !== 'ANULADO';
  return (
    <div class="companion-list" data-test="companion-list">
      <h3>Tu grupo: {plural(enrollment.seats, 'cupo', 'cupos')}</h3>
      <ul>
        <li>{enrollment.customerName} (tú)</li>
        {companions.map((c) => (
          <li data-test="companion">
            <span>{c.name ?? `Acompañante ${c.position - 1}`}</span>
            {own && (
              <form
                method="post"
                action={`/cuenta/inscripciones/${enrollment.id}/acompanantes/${c.id}/anular/`}
                class="inline-form"
                data-confirm={`¿Quitar a ${c.name ?? `acompañante ${c.position - 1}`} de tu inscripción? Liberaremos su cupo.`}
              >
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" class="button button-small button-quiet" data-test="cancel-companion">
                  Quitar
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {own && (
        <p class="meta">
          Quitar a un acompañante libera su cupo y descuenta su parte del total; si ya pagaste, te devolvemos
          esa parte.
        </p>
      )}
    </div>
  );
}
