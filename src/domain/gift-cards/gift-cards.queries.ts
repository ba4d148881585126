import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { lockingControl } from '../../db/locks';
import type { DB, GiftCardEntryKind } from '../../db/schema';

/** A card's balance: the sum of its ledger. The one definition, used by every query here. */
export const cardBalanceSql = (eb: ExpressionBuilder<DB, 'giftCards'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('giftCardEntries')
      .select((e) => e.fn.sum<number>('giftCardEntries.amountClp').as('s'))
      .whereRef('giftCardEntries.giftCardId', '=', 'giftCards.id'),
    sql<number>`0`,
  );

export async function cardBalance(db: Db | Tx, giftCardId: number): Promise<number> {
  const row = await db
    .selectFrom('giftCardEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountClp'), sql<number>`0`).as('balance'))
    .where('giftCardId', '=', giftCardId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export async function insertPendingCard(
  trx: Tx,
  card: {
    saleId: number;
    saleLineId: number;
    buyerCustomerId: number;
    recipientName: string;
    recipientEmail: string;
    message: string | null;
    amountClp: number;
    now: Date;
  },
): Promise<number> {
  const row = await trx
    .insertInto('giftCards')
    .values({
      saleId: card.saleId,
      saleLineId: card.saleLineId,
      buyerCustomerId: card.buyerCustomerId,
      recipientName: card.recipientName,
      recipientEmail: card.recipientEmail,
      message: card.message,
      amountClp: card.amountClp,
      status: 'PENDIENTE',
      createdAt: card.now.toISOString(),
      lastEntryAt: card.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The cards an order holds that wait for its payment. */
export async function listPendingCardsOfSale(trx: Tx, saleId: number) {
  return trx
    .selectFrom('giftCards')
    .innerJoin('customers', 'customers.id', 'giftCards.buyerCustomerId')
    .select([
      'giftCards.id',
      'giftCards.recipientName',
      'giftCards.recipientEmail',
      'giftCards.message',
      'giftCards.amountClp',
      'customers.fullName as buyerName',
    ])
    .where('giftCards.saleId', '=', saleId)
    .where('giftCards.status', '=', 'PENDIENTE')
    .orderBy('giftCards.id')
    .execute();
}

/** PENDIENTE → ACTIVA once, with its secrets' hashes and validity. False when it was not pending. */
export async function markCardIssued(
  trx: Tx,
  giftCardId: number,
  values: { codeHash: string; codeLast4: string; tokenHash: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('giftCards')
    .set({
      status: 'ACTIVA',
      codeHash: values.codeHash,
      codeLast4: values.codeLast4,
      tokenHash: values.tokenHash,
      issuedAt: values.now.toISOString(),
      expiresAt: values.expiresAt.toISOString(),
      lastEntryAt: values.now.toISOString(),
    })
    .where('id', '=', giftCardId)
    .where('status', '=', 'PENDIENTE')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An unpaid order was cancelled: its pending cards will never be issued. */
export async function voidPendingCards(trx: Tx, saleId: number): Promise<void> {
  await trx
    .updateTable('giftCards')
    .set({ status: 'ANULADA' })
    .where('saleId', '=', saleId)
    .where('status', '=', 'PENDIENTE')
    .execute();
}

export async function findCardByCodeHash(db: Db | Tx, codeHash: string) {
  return db
    .selectFrom('giftCards')
    .select(['id', 'status', 'expiresAt', 'codeLast4', 'saleId'])
    .where('codeHash', '=', codeHash)
    .executeTakeFirst();
}

/**
 * Locks one card for an entry (PostgreSQL: the row lock until commit; SQLite: the write lock), and
 * only while it is issued and unexpired. Every later read of its ledger in the transaction then sees
 * the entries committed before, so two spends of one card queue here.
 */
export async function lockCardForEntry(trx: Tx, giftCardId: number, now: Date): Promise<boolean> {
  if (lockingControl.unsafeReadThenWrite) {
    // The race tests' control run: the same condition read without the lock.
    const row = await trx
      .selectFrom('giftCards')
      .select('id')
      .where('id', '=', giftCardId)
      .where('status', '=', 'ACTIVA')
      .where('expiresAt', '>', now.toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }
  const result = await trx
    .updateTable('giftCards')
    .set({ lastEntryAt: now.toISOString() })
    .where('id', '=', giftCardId)
    .where('status', '=', 'ACTIVA')
    .where('expiresAt', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCardEntry(
  trx: Tx,
  entry: {
    giftCardId: number;
    kind: GiftCardEntryKind;
    amountClp: number;
    paymentId?: number | null;
    saleId?: number | null;
    reason?: string | null;
    userId?: number | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('giftCardEntries')
    .values({
      giftCardId: entry.giftCardId,
      kind: entry.kind,
      amountClp: entry.amountClp,
      paymentId: entry.paymentId ?? null,
      saleId: entry.saleId ?? null,
      reason: entry.reason ?? null,
      userId: entry.userId ?? null,
      createdAt: entry.now.toISOString(),
    })
    .execute();
}

export async function findCard(db: Db | Tx, giftCardId: number) {
  return db
    .selectFrom('giftCards')
    .select((eb) => [
      'giftCards.id',
      'giftCards.status',
      'giftCards.amountClp',
      'giftCards.expiresAt',
      'giftCards.codeLast4',
      cardBalanceSql(eb).as('balance'),
    ])
    .where('giftCards.id', '=', giftCardId)
    .executeTakeFirst();
}

/** The printable page's card, by its token's hash (issued cards only). */
export async function findCardByTokenHash(db: Db | Tx, tokenHash: string) {
  return db
    .selectFrom('giftCards')
    .innerJoin('customers', 'customers.id', 'giftCards.buyerCustomerId')
    .select([
      'giftCards.id',
      'giftCards.recipientName',
      'giftCards.message',
      'giftCards.amountClp',
      'giftCards.expiresAt',
      'customers.fullName as buyerName',
    ])
    .where('giftCards.tokenHash', '=', tokenHash)
    .where('giftCards.status', '=', 'ACTIVA')
    .executeTakeFirst();
}

/**
 * What cards paid towards an enrollment and have not got back yet, per card: the sum of the entries
 * (redeems negative, refunds positive) whose payments belong to it, as a positive amount.
 */
export async function listCardMoneyOfEnrollment(db: Db | Tx, enrollmentId: number) {
  const rows = await db
    .selectFrom('giftCardEntries')
    .innerJoin('payments', 'payments.id', 'giftCardEntries.paymentId')
    .select(['giftCardEntries.giftCardId', sql<number>`-sum(gift_card_entries.amount_clp)`.as('heldClp')])
    .where('payments.enrollmentId', '=', enrollmentId)
    .groupBy('giftCardEntries.giftCardId')
    .orderBy('giftCardEntries.giftCardId', 'desc')
    .execute();
  return rows
    .map((r) => ({ giftCardId: r.giftCardId, heldClp: Number(r.heldClp) }))
    .filter((r) => r.heldClp > 0);
}

/** Whether an order sells a gift card (such an order cannot be paid with one). */
export async function saleHasGiftCard(db: Db | Tx, saleId: number): Promise<boolean> {
  const row = await db.selectFrom('giftCards').select('id').where('saleId', '=', saleId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Money cards hold for an unpaid order: its redeem entries that no payment names yet and that no
 * later release gave back (an order that lapsed and came back holds again with new entries),
 * oldest first.
 */
export async function listHoldsOfSale(db: Db | Tx, saleId: number) {
  const rows = await db
    .selectFrom('giftCardEntries as e')
    .innerJoin('giftCards', 'giftCards.id', 'e.giftCardId')
    .select(['e.id as entryId', 'e.giftCardId', 'e.amountClp', 'giftCards.codeLast4'])
    .where('e.saleId', '=', saleId)
    .where('e.kind', '=', 'redeem')
    .where('e.paymentId', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('giftCardEntries as r')
            .select('r.id')
            .whereRef('r.giftCardId', '=', 'e.giftCardId')
            .where('r.saleId', '=', saleId)
            .where('r.kind', '=', 'refund')
            .where('r.paymentId', 'is', null)
            .whereRef('r.id', '>', 'e.id'),
        ),
      ),
    )
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    entryId: r.entryId,
    giftCardId: r.giftCardId,
    amountClp: -r.amountClp,
    last4: r.codeLast4 ?? '',
  }));
}

/**
 * What cards still hold of an order and have not got back, per card: the sum of the order's
 * entries that name no payment (holds negative, releases positive), as a positive amount.
 */
export async function listUnreleasedHoldsOfSale(db: Db | Tx, saleId: number) {
  const rows = await db
    .selectFrom('giftCardEntries')
    .select(['giftCardId', sql<number>`-sum(amount_clp)`.as('heldClp')])
    .where('saleId', '=', saleId)
    .where('paymentId', 'is', null)
    .groupBy('giftCardId')
    .orderBy('giftCardId')
    .execute();
  return rows
    .map((r) => ({ giftCardId: r.giftCardId, heldClp: Number(r.heldClp) }))
    .filter((r) => r.heldClp > 0);
}

/** A hold becomes the payment that records it; only once (a hold names one payment). */
export async function attachPaymentToHold(trx: Tx, entryId: number, paymentId: number): Promise<boolean> {
  const result = await trx
    .updateTable('giftCardEntries')
    .set({ paymentId })
    .where('id', '=', entryId)
    .where('kind', '=', 'redeem')
    .where('paymentId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * What was given back to each card when an order was cancelled (its releases), per card. An order
 * lapses and comes back at most once: it comes back only to be paid in the same transaction.
 */
export async function listReleasesOfSale(db: Db | Tx, saleId: number) {
  const rows = await db
    .selectFrom('giftCardEntries')
    .select(['giftCardEntries.giftCardId', sql<number>`sum(gift_card_entries.amount_clp)`.as('releasedClp')])
    .where('giftCardEntries.saleId', '=', saleId)
    .where('giftCardEntries.paymentId', 'is', null)
    .where('giftCardEntries.kind', '=', 'refund')
    .groupBy('giftCardEntries.giftCardId')
    .orderBy('giftCardEntries.giftCardId')
    .execute();
  return rows.map((r) => ({ giftCardId: r.giftCardId, releasedClp: Number(r.releasedClp) }));
}
