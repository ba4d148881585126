import { PAYMENT_METHOD_LABELS, STAFF_PAYMENT_METHODS } from '../../../../domain/vocabulary';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';

/**
 * A small "register a payment" form for one enrollment (workshop page, debtors list): the amount
 * defaults to the whole balance; less leaves it ABONADO. `token` makes each rendered form one payment.
 */
export function PaymentMiniForm(props: {
  ctx: PageContext;
  action: string;
  balance: number;
  token: string;
  back?: string;
  /** The button's text; a refund form says "Registrar devolución". */
  label?: string;
  /** The full form (reference, another amount), linked beside the button, and its link's name. */
  more?: { href: string; label: string };
}) {
  return (
    <form method="post" action={props.action} class="inline-form payment-mini-form">
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="clave" value={props.token} />
      {props.back && <input type="hidden" name="volver" value={props.back} />}
      <label class="visually-hidden" for={`monto-${props.token}`}>
        Monto
      </label>
      <input
        id={`monto-${props.token}`}
        name="monto"
        inputMode="numeric"
        size={8}
        value={String(props.balance)}
        aria-label="Monto en pesos"
      />
      <select name="metodo" aria-label="Medio de pago">
        {STAFF_PAYMENT_METHODS.map((m) => (
          <option value={m}>
            {PAYMENT_METHOD_LABELS[m][0]!.toUpperCase() + PAYMENT_METHOD_LABELS[m].slice(1)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-small" data-test="register-payment">
        {props.label ?? 'Registrar'}
      </button>
      {props.more && (
        <a
          href={props.more.href}
          class="button button-small button-quiet"
          aria-label={props.more.label}
          title={`${props.more.label}: referencia, otro monto`}
        >
          Más
        </a>
      )}
    </form>
  );
}
