import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { cardBalanceSql } from './gift-cards.queries';
import { giftCardState } from './gift-cards-admin.queries';

/**
 * "Mis tarjetas de regalo": the cards a customer bought (any status, newest first) and the issued
 * cards sent to their e-mail (compared without case, as typed by the buyer), each received card
 * with its movements, newest first. `email` is null when the account's address is not confirmed:
 * a card's balance and history are only for whoever proved they own the mailbox it was sent to.
 * Three queries whatever the number of cards.
 */
export async function listAccountGiftCards(
  db: Db,
  who: { customerId: number | null; email: string | null },
  now: Date,
) {
  const bought =
    who.customerId === null
      ? []
      : await db
          .selectFrom('giftCards')
          .select((eb) => [
            'giftCards.id',
            'giftCards.codeLast4',
            'giftCards.recipientName',
            'giftCards.recipientEmail',
            'giftCards.amountClp',
            'giftCards.status',
            'giftCards.createdAt',
            'giftCards.expiresAt',
            'giftCards.saleId',
            cardBalanceSql(eb).as('balance'),
          ])
          .where('giftCards.buyerCustomerId', '=', who.customerId)
          .orderBy('giftCards.createdAt', 'desc')
          .orderBy('giftCards.id', 'desc')
          .execute();
  const received =
    who.email === null
      ? []
      : await db
          .selectFrom('giftCards')
          .select((eb) => [
            'giftCards.id',
            'giftCards.codeLast4',
            'giftCards.amountClp',
            'giftCards.status',
            'giftCards.issuedAt',
            'giftCards.expiresAt',
            'giftCards.message',
            cardBalanceSql(eb).as('balance'),
          ])
          .where(sql<string>`lower(gift_cards.recipient_email)`, '=', who.email.toLowerCase())
          .where('giftCards.issuedAt', 'is not', null)
          .orderBy('giftCards.issuedAt', 'desc')
          .orderBy('giftCards.id', 'desc')
          .execute();
  const entries =
    received.length === 0
      ? []
      : await db
          .selectFrom('giftCardEntries as e')
          .leftJoin('payments as p', 'p.id', 'e.paymentId')
          .select([
            'e.id',
            'e.giftCardId',
            'e.kind',
            'e.amountClp',
            'e.reason',
            'e.createdAt',
            'p.enrollmentId',
            sql<number | null>`coalesce(p.sale_id, e.sale_id)`.as('saleId'),
            // Held for an unpaid order (a redeem) or given back when it was cancelled (a refund).
            sql<boolean>`(e.payment_id is null and e.sale_id is not null)`.as('forUnpaidOrder'),
          ])
          .where(
            'e.giftCardId',
            'in',
            received.map((c) => c.id),
          )
          .orderBy('e.createdAt', 'desc')
          .orderBy('e.id', 'desc')
          .execute();
  const withState = <T extends (typeof bought)[number] | (typeof received)[number]>(c: T) => {
    const balance = Number(c.balance);
    return { ...c, balance, state: giftCardState({ ...c, balance }, now) };
  };
  return {
    bought: bought.map(withState),
    received: received.map((c) => ({
      ...withState(c),
      entries: entries
        .filter((e) => e.giftCardId === c.id)
        .map((e) => ({ ...e, forUnpaidOrder: Boolean(e.forUnpaidOrder) })),
    })),
  };
}

export type AccountGiftCards = Awaited<ReturnType<typeof listAccountGiftCards>>;
