import { type AccountGiftCards, maskedCode } from '../../../domain/gift-cards';
import { GIFT_CARD_ENTRY_LABELS, GIFT_CARD_STATE_LABELS } from '../../../domain/vocabulary';
import { formatDateShort } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import {
  Badge,
  type BadgeTone,
  ButtonLink,
  EmptyState,
  LedgerHistory,
  PageHeader,
  Section,
} from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = AccountGiftCards & {
  ctx: PageContext;
  /** The account's address, or null while it is not confirmed (received cards are not shown). */
  email: string | null;
};

type Card = AccountGiftCards['bought'][number];
type Entry = AccountGiftCards['received'][number]['entries'][number];

const STATE_TONES: Record<Card['state'], BadgeTone> = {
  PENDIENTE: 'warn',
  ACTIVA: 'ok',
  ANULADA: 'neutral',
  VENCIDA: 'neutral',
  AGOTADA: 'neutral',
};

const BUY = { href: '/tarjetas-regalo/', label: 'Regalar una tarjeta' };

/** A movement as the card's holder reads it: what it paid or gave back, never who on staff adjusted it. */
function entryText(e: Entry): string {
  const what = e.enrollmentId !== null ? `la inscripción #${e.enrollmentId}` : `el pedido #${e.saleId}`;
  if (e.kind === 'redeem') return e.forUnpaidOrder ? `Reservado para ${what}` : `Pagó ${what}`;
  if (e.kind === 'refund') return e.forUnpaidOrder ? `Devuelto: se anuló ${what}` : `Devolución de ${what}`;
  if (e.kind === 'adjustment' && e.reason) return `${GIFT_CARD_ENTRY_LABELS.adjustment} (${e.reason})`;
  return GIFT_CARD_ENTRY_LABELS[e.kind];
}

/** A date that never breaks at its dashes ("26-" then "11-2028" on a phone). */
function Day({ iso }: { iso: string }) {
  return <span class="gift-card-account-date">{formatDateShort(iso)}</span>;
}

/** " · vence el 26-11-2028", or "venció" once past. */
function Expiry({ card }: { card: { state: Card['state']; expiresAt: string | null } }) {
  if (!card.expiresAt) return null;
  return (
    <>
      {' '}
      · {card.state === 'VENCIDA' ? 'venció' : 'vence'} el <Day iso={card.expiresAt} />
    </>
  );
}

const signedClp = (amount: number) => (amount > 0 ? `+${formatClp(amount)}` : `−${formatClp(-amount)}`);

function StateBadge({ card }: { card: { state: Card['state'] } }) {
  return (
    <Badge tone={STATE_TONES[card.state]} data-test="gift-card-state">
      {GIFT_CARD_STATE_LABELS[card.state]}
    </Badge>
  );
}

/** "Mis tarjetas de regalo": the cards sent to the customer (balance and history) and those they bought. */
export function AccountGiftCardsPage({ ctx, email, bought, received }: Props) {
  return (
    <Layout ctx={ctx} title="Mis tarjetas de regalo">
      <PageHeader
        title="Mis tarjetas de regalo"
        lead="Para pagar con una tarjeta, escribe su código en la página de pago de tu inscripción o pedido."
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      <Section id="recibidas" title="Tarjetas que recibiste">
        {email === null ? (
          <p class="meta" data-test="received-unverified">
            Confirma tu correo para ver las tarjetas de regalo que te enviaron.
          </p>
        ) : received.length === 0 ? (
          <p class="meta gift-card-account-wrap" data-test="received-empty">
            Aún no recibes tarjetas de regalo en {email}.
          </p>
        ) : (
          <ul class="pack-cards">
            {received.map((c) => (
              <li class="pack-card" data-test={`received-card-${c.id}`}>
                <h3>
                  Tarjeta {maskedCode(c.codeLast4)} <StateBadge card={c} />
                </h3>
                <p class="pack-balance" data-test="gift-card-balance">
                  {formatClp(c.balance)}
                </p>
                <p class="pack-meta">
                  de {formatClp(c.amountClp)}
                  {c.issuedAt && (
                    <>
                      {' '}
                      · recibida el <Day iso={c.issuedAt} />
                    </>
                  )}
                  <Expiry card={c} />
                </p>
                {c.message && <p class="gift-card-account-message gift-card-account-wrap">«{c.message}»</p>}
                <LedgerHistory
                  open={c.state === 'ACTIVA'}
                  entries={c.entries.map((e) => ({
                    kind: e.kind,
                    text: entryText(e),
                    date: <Day iso={e.createdAt} />,
                    amount: e.amountClp,
                    label: signedClp(e.amountClp),
                  }))}
                />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="compradas" title="Tarjetas que compraste">
        {bought.length === 0 ? (
          <EmptyState action={BUY}>Aún no has regalado tarjetas de regalo.</EmptyState>
        ) : (
          <>
            <ul class="pack-cards">
              {bought.map((c) => (
                <li class="pack-card" data-test={`bought-card-${c.id}`}>
                  <h3>
                    Para {c.recipientName} <StateBadge card={c} />
                  </h3>
                  <p class="pack-meta gift-card-account-recipient gift-card-account-wrap">
                    {c.recipientEmail}
                  </p>
                  <p class="pack-balance" data-test="gift-card-amount">
                    {formatClp(c.amountClp)}
                  </p>
                  <p class="pack-meta">
                    Comprada el <Day iso={c.createdAt} />
                    <Expiry card={c} />
                  </p>
                  {c.state === 'PENDIENTE' ? (
                    <p>
                      <ButtonLink href={`/pago/venta/${c.saleId}/`} size="small" data-test="gift-card-pay">
                        Pagar para enviarla
                      </ButtonLink>
                    </p>
                  ) : c.state === 'ANULADA' ? (
                    <p class="pack-meta">El pedido se anuló sin pagar: la tarjeta no se envió.</p>
                  ) : (
                    <p class="pack-meta" data-test="gift-card-bought-balance">
                      Código {maskedCode(c.codeLast4)} · saldo {formatClp(c.balance)}
                    </p>
                  )}
                </li>
              ))}
            </ul>
            <ButtonLink href={BUY.href} variant="secondary" size="small">
              Regalar otra tarjeta
            </ButtonLink>
          </>
        )}
      </Section>
    </Layout>
  );
}
