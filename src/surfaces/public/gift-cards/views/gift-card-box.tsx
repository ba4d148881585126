import { CsrfField } from '../../../../ui/components';

type Props = {
  /** Where "Usar tarjeta" posts: the order's payment page plus `tarjeta-regalo/`. */
  action: string;
  csrfToken: string;
  /** Set when this order cannot be paid with a card (it sells one): said instead of the form. */
  refusal?: string | undefined;
};

/**
 * The payment page's gift card: a code field and "Usar tarjeta". The server decides how much the
 * card pays (all it can, up to what is owed) and the page shows what is left to pay after it.
 */
export function GiftCardBox({ action, csrfToken, refusal }: Props) {
  if (refusal)
    return (
      <p class="meta gift-card-refusal" data-test="gift-card-refusal">
        {refusal}
      </p>
    );
  return (
    <form method="post" action={action} class="discount-code-form gift-card-form" data-test="gift-card-form">
      <CsrfField token={csrfToken} />
      <label for="f-codigo-tarjeta">¿Tienes una tarjeta de regalo?</label>
      <div class="discount-code-row">
        <input
          id="f-codigo-tarjeta"
          name="codigo_tarjeta"
          type="text"
          maxLength={20}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="XXXX-XXXX-XXXX"
          required
        />
        <button type="submit" class="button button-secondary">
          Usar tarjeta
        </button>
      </div>
      <small class="hint">Paga todo o parte con su saldo; lo que falte lo pagas con otro medio.</small>
    </form>
  );
}
