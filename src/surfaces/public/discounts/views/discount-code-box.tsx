import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';

type Props = {
  /** Where "Aplicar" posts: the order's payment page plus `codigo/`. */
  action: string;
  csrfToken: string;
  /** The code already taken off this order, if any. */
  applied: { code: string; discountClp: number } | undefined;
};

/**
 * The payment page's discount code: a field and "Aplicar" while none is applied, then the code and
 * what it took off. The server computes the discount; the page only shows the new amount.
 */
export function DiscountCodeBox({ action, csrfToken, applied }: Props) {
  if (applied)
    return (
      <p class="discount-applied" data-test="discount-applied">
        Código <strong>{applied.code}</strong> aplicado: descuento de {formatClp(applied.discountClp)}.
      </p>
    );
  return (
    <form method="post" action={action} class="discount-code-form" data-test="discount-form">
      <CsrfField token={csrfToken} />
      <label for="f-codigo">¿Tienes un código de descuento?</label>
      <div class="discount-code-row">
        <input
          id="f-codigo"
          name="codigo"
          type="text"
          maxLength={40}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          required
        />
        <button type="submit" class="button button-secondary">
          Aplicar
        </button>
      </div>
    </form>
  );
}
