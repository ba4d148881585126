import type { PaymentChoice } from '../../../../domain/payments';
import { PAYMENT_PROVIDER_HINTS, PAYMENT_PROVIDER_LABELS } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';

type Props = {
  /** Where the choice is posted: /pago/<id>/en-linea/ or /pago/venta/<id>/en-linea/. */
  action: string;
  choice: PaymentChoice;
  amountClp: number;
  csrfToken: string;
  error?: string | undefined;
};

/**
 * The providers staff offer (Webpay, Mercado Pago), as one form: the customer picks one and is sent
 * to it to pay the amount shown (read from the database again when the form arrives).
 */
export function ProviderChoice({ action, choice, amountClp, csrfToken, error }: Props) {
  if (choice.online.length === 0) return null;
  return (
    <form method="post" action={action} class="stack provider-choice" data-test="provider-choice">
      <CsrfField token={csrfToken} />
      <fieldset>
        <legend>Elige cómo pagar</legend>
        {choice.online.map((provider, i) => (
          <label class="provider-option" data-test={`provider-${provider}`}>
            <input type="radio" name="proveedor" value={provider} checked={i === 0} required />
            <span>
              <strong>{PAYMENT_PROVIDER_LABELS[provider]}</strong>
              <small class="meta">{PAYMENT_PROVIDER_HINTS[provider]}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button button-block" data-test="pay-online">
        Pagar {formatClp(amountClp)}
      </button>
      <p class="meta">Te llevaremos a la página segura del medio de pago y volverás aquí al terminar.</p>
    </form>
  );
}

/** Nothing is offered (staff turned every provider off): say how to pay instead. */
export function NoProviderNotice({ email }: { email: string }) {
  return (
    <p class="notice" data-test="no-providers">
      El pago en línea no está disponible en este momento. Escríbenos a{' '}
      <a href={`mailto:${email}`}>{email}</a> y coordinamos tu pago.
    </p>
  );
}

type DemoProps = {
  /** The simulated page's own form: /pago/<id>/ or /pago/venta/<id>/. */
  action: string;
  csrfToken: string;
  /** Beside real providers the simulated "Pagar" is a demo extra too, never the main action. */
  withPay: boolean;
  payTest: string;
  failTest: string;
};

/** The simulated page, while staff keep it on: labelled as a demonstration that charges nothing. */
export function DemoPaymentActions({ action, csrfToken, withPay, payTest, failTest }: DemoProps) {
  return (
    <div class="demo-actions">
      <p>
        <strong>Sitio de demostración:</strong> el pago simulado no hace ningún cargo real.
      </p>
      <form method="post" action={action}>
        <CsrfField token={csrfToken} />
        {withPay && (
          <button
            type="submit"
            name="accion_pago"
            value="pagar"
            class="button button-small button-quiet"
            data-test={payTest}
          >
            Simular pago aprobado (demostración)
          </button>
        )}
        <button
          type="submit"
          name="accion_pago"
          value="fallar"
          class="button button-small button-quiet"
          data-test={failTest}
        >
          Simular pago rechazado (demostración)
        </button>
      </form>
    </div>
  );
}
