import { formatDateShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  card: {
    recipientName: string;
    buyerName: string;
    message: string | null;
    amountClp: number;
    expiresAt: string | null;
  };
  code: string;
};

/** The printable card: who it is for, the amount, the message and the code (print CSS hides the site). */
export function GiftCardPrintPage({ ctx, card, code }: Props) {
  return (
    <Layout ctx={ctx} title="Tu tarjeta de regalo">
      <article class="gift-card-print" data-test="gift-card-print">
        <p class="gift-card-print-brand">TMM Bienestar y Conexión</p>
        <h1>Tarjeta de regalo</h1>
        <p class="gift-card-print-for">
          Para <strong>{card.recipientName}</strong>, de parte de {card.buyerName}
        </p>
        <p class="gift-card-print-amount" data-test="gift-card-amount">
          {formatClp(card.amountClp)}
        </p>
        {card.message && <blockquote class="gift-card-print-message">{card.message}</blockquote>}
        <p class="gift-card-print-code-label">Código</p>
        <p class="gift-card-print-code" data-test="gift-card-code">
          {code}
        </p>
        <p class="meta">
          Úsala en los talleres y kits de TMM: en la página de pago, escribe el código en «¿Tienes una tarjeta
          de regalo?».
          {card.expiresAt ? ` Válida hasta el ${formatDateShort(card.expiresAt)}.` : ''}
        </p>
      </article>
      <p class="gift-card-print-actions">
        <button type="button" class="button" data-print hidden>
          Imprimir
        </button>
      </p>
    </Layout>
  );
}
