import type { CreditPaymentOffer } from '../../../../domain/enrollments';
import { plural } from '../../../../domain/vocabulary';
import { formatDateShort } from '../../../../lib/dates';
import { CsrfField } from '../../../../ui/components';

/**
 * Paying an unpaid enrollment with the customer's pack credits (one per seat) instead of money: the pack
 * spent first (the soonest to expire) is named, and one button spends them.
 */
export function PackCreditBox(props: {
  action: string;
  csrfToken: string;
  offer: CreditPaymentOffer;
  /** The enrollment's seats: one credit each. */
  seats: number;
}) {
  const { offer } = props;
  return (
    <form method="post" action={props.action} class="credit-choice" data-test="pay-with-credit">
      <CsrfField token={props.csrfToken} />
      <p>
        Tienes {plural(offer.credits, 'crédito', 'créditos')} para este taller. Usaremos «{offer.name}», que
        vence el {formatDateShort(offer.expiresAt)}.
      </p>
      <button type="submit" class="button button-block" data-test="pay-with-credit-button">
        Pagar con {plural(props.seats, 'crédito', 'créditos')} del bono «{offer.name}»
      </button>
    </form>
  );
}
