import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';
import { normalizeCardCode } from './gift-cards.codes';
import { cardBalanceSql } from './gift-cards.queries';

export const GIFT_CARD_SORTS = ['numero', 'compra', 'vence', 'saldo', 'monto'] as const;
export type GiftCardSort = (typeof GIFT_CARD_SORTS)[number];

/** What staff filter by: the stored status, or vigente / vencida / sin saldo as of now. */
export const GIFT_CARD_STATES = ['vigente', 'agotada', 'vencida', 'pendiente', 'anulada'] as const;
export type GiftCardState = (typeof GIFT_CARD_STATES)[number];

export type GiftCardFilters = {
  q: string;
  state: GiftCardState | null;
  from: string | null;
  to: string | null;
  ids: number[];
  /** The instant "vigente" and "vencida" are read at (the app's clock). */
  now: Date;
};

/** A card's state as staff read it, from its status, expiry and balance at `now`. */
export function giftCardState(
  card: { status: 'PENDIENTE' | 'ACTIVA' | 'ANULADA'; expiresAt: string | null; balance: number },
  now: Date,
): 'PENDIENTE' | 'ACTIVA' | 'ANULADA' | 'VENCIDA' | 'AGOTADA' {
  if (card.status !== 'ACTIVA') return card.status;
  if (card.expiresAt !== null && card.expiresAt <= now.toISOString()) return 'VENCIDA';
  return card.balance <= 0 ? 'AGOTADA' : 'ACTIVA';
}

/** Money spent with the card: payments minus what came back. */
const spentSql = (eb: ExpressionBuilder<DB, 'giftCards'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('giftCardEntries as u')
      .select(sql<number>`-sum(u.amount_clp)`.as('s'))
      .whereRef('u.giftCardId', '=', 'giftCards.id')
      .where('u.kind', 'in', ['redeem', 'refund']),
    sql<number>`0`,
  );

function filteredCards(db: Db, f: GiftCardFilters) {
  let query = db
    .selectFrom('giftCards')
    .innerJoin('customers as buyer', 'buyer.id', 'giftCards.buyerCustomerId');
  const number = searchedNumber(f.q);
  const typed = normalizeCardCode(f.q);
  const words = wordsMatch(f.q, {
    searchText: ['buyer.searchText'],
    folded: ['giftCards.recipientName', 'giftCards.recipientEmail'],
  });
  if (number !== null) query = query.where('giftCards.id', '=', number);
  // Four letters or digits may be the end of a code read over the phone, or a name.
  else if (typed.length === 4 && f.q.trim().length === 4)
    query = query.where((eb) => eb.or([eb('giftCards.codeLast4', '=', typed), eb.and(words)]));
  else for (const cond of words) query = query.where(cond);
  const now = f.now.toISOString();
  if (f.state === 'pendiente') query = query.where('giftCards.status', '=', 'PENDIENTE');
  if (f.state === 'anulada') query = query.where('giftCards.status', '=', 'ANULADA');
  if (f.state === 'vencida')
    query = query.where('giftCards.status', '=', 'ACTIVA').where('giftCards.expiresAt', '<=', now);
  if (f.state === 'vigente' || f.state === 'agotada')
    query = query
      .where('giftCards.status', '=', 'ACTIVA')
      .where('giftCards.expiresAt', '>', now)
      .where((eb) => eb(cardBalanceSql(eb), f.state === 'vigente' ? '>' : '<=', 0));
  if (f.from) query = query.where('giftCards.createdAt', '>=', f.from);
  if (f.to) query = query.where('giftCards.createdAt', '<', f.to);
  if (f.ids.length > 0) query = query.where('giftCards.id', 'in', f.ids);
  return query;
}

/**
 * The list's totals and the accountant's three numbers for the cards it shows, in CLP: what was
 * sold (issued cards: revenue counted when sold), what was spent with them (net of money that came
 * back), and the liability: the balances of cards still vigente.
 */
export async function giftCardTotals(db: Db, f: GiftCardFilters) {
  const now = f.now.toISOString();
  const row = await filteredCards(db, f)
    .select((eb) => [
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when gift_cards.issued_at is not null then gift_cards.amount_clp else 0 end), 0)`.as(
        'sold',
      ),
      sql<number>`coalesce(sum(${spentSql(eb)}), 0)`.as('redeemed'),
      sql<number>`coalesce(sum(case when gift_cards.status = 'ACTIVA' and gift_cards.expires_at > ${now} then ${cardBalanceSql(eb)} else 0 end), 0)`.as(
        'liability',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(row.count),
    soldClp: Number(row.sold),
    redeemedClp: Number(row.redeemed),
    liabilityClp: Number(row.liability),
  };
}

const SORT_SQL = {
  numero: sql`gift_cards.id`,
  compra: sql`gift_cards.created_at`,
  vence: sql`gift_cards.expires_at`,
  saldo: sql`balance`,
  monto: sql`gift_cards.amount_clp`,
} as const;

/** Gift cards for /gestion/tarjetas-regalo/ and its export. */
export async function listGiftCards(
  db: Db,
  f: GiftCardFilters,
  order: { sort: GiftCardSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const rows = await filteredCards(db, f)
    .select((eb) => [
      'giftCards.id',
      'giftCards.codeLast4',
      'giftCards.recipientName',
      'giftCards.recipientEmail',
      'giftCards.amountClp',
      'giftCards.status',
      'giftCards.createdAt',
      'giftCards.issuedAt',
      'giftCards.expiresAt',
      'giftCards.saleId',
      'giftCards.buyerCustomerId',
      'buyer.fullName as buyerName',
      'buyer.email as buyerEmail',
      cardBalanceSql(eb).as('balance'),
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('giftCards.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    balance: Number(r.balance),
    state: giftCardState({ ...r, balance: Number(r.balance) }, f.now),
  }));
}

export type GiftCardListRow = Awaited<ReturnType<typeof listGiftCards>>[number];

/** One card for its staff page: buyer, recipient, numbers and its whole ledger. */
export async function findGiftCardDetail(db: Db, id: number, now: Date) {
  const card = await db
    .selectFrom('giftCards')
    .innerJoin('customers as buyer', 'buyer.id', 'giftCards.buyerCustomerId')
    .select((eb) => [
      'giftCards.id',
      'giftCards.codeLast4',
      'giftCards.recipientName',
      'giftCards.recipientEmail',
      'giftCards.message',
      'giftCards.amountClp',
      'giftCards.status',
      'giftCards.createdAt',
      'giftCards.issuedAt',
      'giftCards.expiresAt',
      'giftCards.saleId',
      'giftCards.buyerCustomerId',
      'buyer.fullName as buyerName',
      cardBalanceSql(eb).as('balance'),
    ])
    .where('giftCards.id', '=', id)
    .executeTakeFirst();
  if (!card) return undefined;
  const balance = Number(card.balance);
  const entries = await db
    .selectFrom('giftCardEntries as e')
    .leftJoin('payments as p', 'p.id', 'e.paymentId')
    .leftJoin('enrollments as en', 'en.id', 'p.enrollmentId')
    .leftJoin('workshops as w', 'w.id', 'en.workshopId')
    .leftJoin('customers as c', (j) =>
      j.on(
        'c.id',
        '=',
        sql<number>`coalesce(en.customer_id, (select s.customer_id from sales s where s.id = coalesce(p.sale_id, e.sale_id)))`,
      ),
    )
    .leftJoin('users as u', 'u.id', 'e.userId')
    .select([
      'e.id',
      'e.kind',
      'e.amountClp',
      'e.reason',
      'e.createdAt',
      'p.enrollmentId',
      sql<number | null>`coalesce(p.sale_id, e.sale_id)`.as('saleId'),
      // Money held for an unpaid order (a redeem) or given back when it was cancelled (a refund).
      sql<boolean>`(e.payment_id is null and e.sale_id is not null)`.as('forUnpaidOrder'),
      'w.name as workshopName',
      'c.id as customerId',
      'c.fullName as customerName',
      'u.name as userName',
    ])
    .where('e.giftCardId', '=', id)
    .orderBy('e.createdAt')
    .orderBy('e.id')
    .execute();
  return {
    ...card,
    balance,
    state: giftCardState({ ...card, balance }, now),
    entries: entries.map((e) => ({ ...e, forUnpaidOrder: Boolean(e.forUnpaidOrder) })),
  };
}

export type GiftCardDetail = NonNullable<Awaited<ReturnType<typeof findGiftCardDetail>>>;

/**
 * A customer's cards for the customer 360 page: those bought (as the buyer) and those used (cards
 * that paid the customer's enrollments or orders), newest first.
 */
export async function listGiftCardsOfCustomer(db: Db, customerId: number, now: Date) {
  const bought = await db
    .selectFrom('giftCards')
    .select((eb) => [
      'giftCards.id',
      'giftCards.codeLast4',
      'giftCards.recipientName',
      'giftCards.amountClp',
      'giftCards.status',
      'giftCards.expiresAt',
      cardBalanceSql(eb).as('balance'),
    ])
    .where('giftCards.buyerCustomerId', '=', customerId)
    .orderBy('giftCards.createdAt', 'desc')
    .execute();
  const used = await db
    .selectFrom('giftCardEntries as e')
    .innerJoin('payments as p', 'p.id', 'e.paymentId')
    .leftJoin('enrollments as en', 'en.id', 'p.enrollmentId')
    .leftJoin('sales as s', 's.id', 'p.saleId')
    .leftJoin('workshops as w', 'w.id', 'en.workshopId')
    .innerJoin('giftCards as g', 'g.id', 'e.giftCardId')
    .select([
      'e.id',
      'e.giftCardId',
      'g.codeLast4',
      'e.kind',
      'e.amountClp',
      'e.createdAt',
      'p.enrollmentId',
      'p.saleId',
      'w.name as workshopName',
    ])
    .where((eb) => eb.or([eb('en.customerId', '=', customerId), eb('s.customerId', '=', customerId)]))
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return {
    bought: bought.map((b) => {
      const balance = Number(b.balance);
      return { ...b, balance, state: giftCardState({ ...b, balance }, now) };
    }),
    used,
  };
}

export type CustomerGiftCards = Awaited<ReturnType<typeof listGiftCardsOfCustomer>>;

/**
 * The reports' three numbers over a period (Santiago day bounds as UTC instants): cards sold
 * (issued in it, at their amount), money spent with cards in it (net of what came back), and the
 * liability at `now` (balances of the cards still vigente).
 */
export async function giftCardReport(db: Db, period: { from: string; to: string }, now: Date) {
  const sold = await db
    .selectFrom('giftCards')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_clp), 0)`.as('clp')])
    .where('issuedAt', '>=', period.from)
    .where('issuedAt', '<', period.to)
    .executeTakeFirstOrThrow();
  const redeemed = await db
    .selectFrom('giftCardEntries')
    .select(sql<number>`coalesce(-sum(amount_clp), 0)`.as('clp'))
    .where('kind', 'in', ['redeem', 'refund'])
    .where('createdAt', '>=', period.from)
    .where('createdAt', '<', period.to)
    .executeTakeFirstOrThrow();
  const liability = await db
    .selectFrom('giftCards')
    .select((eb) => [
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(${cardBalanceSql(eb)}), 0)`.as('clp'),
    ])
    .where('status', '=', 'ACTIVA')
    .where('expiresAt', '>', now.toISOString())
    .where((eb) => eb(cardBalanceSql(eb), '>', 0))
    .executeTakeFirstOrThrow();
  return {
    soldCount: Number(sold.n),
    soldClp: Number(sold.clp),
    redeemedClp: Number(redeemed.clp),
    outstandingCount: Number(liability.n),
    liabilityClp: Number(liability.clp),
  };
}

export type GiftCardReport = Awaited<ReturnType<typeof giftCardReport>>;
