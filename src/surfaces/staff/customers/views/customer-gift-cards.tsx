import { type CustomerGiftCards, maskedCode } from '../../../../domain/gift-cards';
import { GIFT_CARD_ENTRY_LABELS, GIFT_CARD_STATE_LABELS } from '../../../../domain/vocabulary';
import { formatDateShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';

/** The customer 360's gift cards: those the customer bought, and the cards that paid for them. */
export function CustomerGiftCardsSection({ cards }: { cards: CustomerGiftCards }) {
  return (
    <section class="panel" aria-labelledby="tarjetas-regalo" data-test="customer-gift-cards">
      <h2 id="tarjetas-regalo">Tarjetas de regalo</h2>
      <h3 class="panel-subhead">Compradas ({cards.bought.length})</h3>
      {cards.bought.length === 0 ? (
        <p class="meta">No ha comprado tarjetas de regalo.</p>
      ) : (
        <ul>
          {cards.bought.map((c) => (
            <li data-test={`customer-gift-card-${c.id}`}>
              <a href={`/gestion/tarjetas-regalo/${c.id}/`}>N° {c.id}</a> para {c.recipientName}:{' '}
              {formatClp(c.balance)} de {formatClp(c.amountClp)} · {GIFT_CARD_STATE_LABELS[c.state]}
              {c.expiresAt ? ` · vence el ${formatDateShort(c.expiresAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3 class="panel-subhead">Usadas en sus compras ({cards.used.length})</h3>
      {cards.used.length === 0 ? (
        <p class="meta">No ha pagado con tarjetas de regalo.</p>
      ) : (
        <ul>
          {cards.used.map((e) => (
            <li data-test={`customer-gift-card-use-${e.id}`}>
              {formatDateShort(e.createdAt)} · {GIFT_CARD_ENTRY_LABELS[e.kind]}{' '}
              {formatClp(Math.abs(e.amountClp))} ·{' '}
              <a href={`/gestion/tarjetas-regalo/${e.giftCardId}/`}>{maskedCode(e.codeLast4)}</a> ·{' '}
              {e.enrollmentId !== null ? (e.workshopName ?? 'Taller') : `Pedido N° ${e.saleId}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
