import type { PaymentAttempt } from '../../../../db/schema';
import type { AttemptOutcome, AttemptReceipt } from '../../../../domain/payments';
import {
  MERCADOPAGO_PAYMENT_TYPE_LABELS,
  PAYMENT_PROVIDER_LABELS,
  WEBPAY_PAYMENT_TYPE_LABELS,
} from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  attempt: PaymentAttempt;
  outcome: AttemptOutcome;
  receipt: AttemptReceipt;
  /** What was paid for: «Resina en flor», or "tu compra #12". */
  subject: string;
  /** The order's payment page: to see it, or to try again. */
  orderPath: string;
};

const HEADINGS: Record<AttemptOutcome, string> = {
  approved: '¡Pago aprobado!',
  pending: 'Estamos confirmando tu pago',
  rejected: 'Tu pago fue rechazado',
  aborted: 'Anulaste el pago',
  expired: 'El tiempo para pagar se agotó',
  reviewing: 'Estamos revisando tu pago',
  refunding: 'Vamos a devolver tu pago',
  refunded: 'Devolvimos tu pago',
};

const TONES: Record<AttemptOutcome, 'ok' | 'wait' | 'fail'> = {
  approved: 'ok',
  pending: 'wait',
  rejected: 'fail',
  aborted: 'fail',
  expired: 'fail',
  reviewing: 'wait',
  refunding: 'wait',
  refunded: 'wait',
};

/** Where the customer lands back from the provider: what happened, in words, and what to do next. */
export function PaymentResultPage({ ctx, attempt, outcome, receipt, subject, orderPath }: Props) {
  const provider = PAYMENT_PROVIDER_LABELS[attempt.provider];
  const amount = formatClp(attempt.amountClp);
  const retry = outcome === 'rejected' || outcome === 'aborted' || outcome === 'expired';
  const paymentType =
    receipt.paymentType &&
    ((attempt.provider === 'webpay' ? WEBPAY_PAYMENT_TYPE_LABELS : MERCADOPAGO_PAYMENT_TYPE_LABELS)[
      receipt.paymentType
    ] ??
      receipt.paymentType);
  return (
    <Layout ctx={ctx} title={HEADINGS[outcome]}>
      <section
        class={`panel payment-result payment-result-${TONES[outcome]}`}
        data-test="payment-result"
        data-outcome={outcome}
      >
        <h1>{HEADINGS[outcome]}</h1>
        {outcome === 'approved' && (
          <p>
            Recibimos tu pago de {amount} con {provider} por {subject}. Te enviamos el comprobante por correo.
          </p>
        )}
        {outcome === 'pending' && (
          <>
            <p>
              Aún no tenemos la respuesta de {provider} sobre tu pago de {amount}. Si ya pagaste, no vuelvas a
              pagar: lo confirmaremos en unos minutos y te avisaremos por correo.
            </p>
            <p>
              <a href={ctx.path} class="button button-secondary" data-test="refresh">
                Actualizar
              </a>
            </p>
          </>
        )}
        {outcome === 'rejected' && (
          <p>
            {provider} rechazó el pago de {amount}. No se hizo ningún cargo: puedes intentarlo otra vez, con
            otra tarjeta o con otro medio de pago.
          </p>
        )}
        {outcome === 'aborted' && <p>Anulaste el pago en {provider}. No se hizo ningún cargo.</p>}
        {outcome === 'expired' && (
          <p>
            El pago en {provider} no se completó a tiempo. No se hizo ningún cargo: puedes intentarlo otra
            vez.
          </p>
        )}
        {outcome === 'reviewing' && (
          <p>
            {provider} nos informó tu pago, pero sus datos no coinciden con los nuestros, así que no lo
            registramos. Nuestro equipo ya lo está revisando y te escribirá; no vuelvas a pagar.
          </p>
        )}
        {(outcome === 'refunding' || (outcome === 'refunded' && attempt.issue === 'auto_refunded')) && (
          <>
            <p>
              Recibimos tu pago de {amount} por {subject}, pero no pudimos registrarlo.{' '}
              {outcome === 'refunded'
                ? 'Por eso lo devolvimos completo al mismo medio con que pagaste.'
                : 'Lo devolveremos completo al mismo medio con que pagaste; te avisaremos por correo.'}
            </p>
            {attempt.issueDetail && <p class="meta">Motivo: {attempt.issueDetail}</p>}
          </>
        )}
        {outcome === 'refunded' && attempt.issue !== 'auto_refunded' && (
          <p>Este pago de {amount} fue devuelto al mismo medio con que pagaste.</p>
        )}

        <dl class="facts" data-test="payment-facts">
          <dt>Orden de compra</dt>
          <dd>{attempt.buyOrder}</dd>
          <dt>Monto</dt>
          <dd>{amount}</dd>
          <dt>Medio de pago</dt>
          <dd>{provider}</dd>
          {receipt.transactionDate && (
            <>
              <dt>Fecha</dt>
              <dd>{formatDateTimeLong(receipt.transactionDate)}</dd>
            </>
          )}
          {receipt.authorizationCode && (
            <>
              <dt>Código de autorización</dt>
              <dd>{receipt.authorizationCode}</dd>
            </>
          )}
          {receipt.operationId && (
            <>
              <dt>N° de operación</dt>
              <dd>{receipt.operationId}</dd>
            </>
          )}
          {paymentType && (
            <>
              <dt>Tipo de pago</dt>
              <dd>{paymentType}</dd>
            </>
          )}
          {receipt.installments !== null && receipt.installments > 0 && (
            <>
              <dt>Cuotas</dt>
              <dd>{receipt.installments}</dd>
            </>
          )}
          {receipt.cardLast4 && (
            <>
              <dt>Tarjeta</dt>
              <dd>terminada en {receipt.cardLast4.slice(-4)}</dd>
            </>
          )}
        </dl>
        <p class="actions-row">
          {retry ? (
            <a href={orderPath} class="button" data-test="retry">
              Intentar de nuevo
            </a>
          ) : (
            <a href={orderPath} class="button button-secondary" data-test="order-link">
              {attempt.purpose === 'enrollment' ? 'Ver mi inscripción' : 'Ver mi compra'}
            </a>
          )}{' '}
          <a href="/cuenta/perfil/">Ir a mi cuenta</a>
        </p>
      </section>
    </Layout>
  );
}
