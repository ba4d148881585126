import type { Tx } from '../../db/database';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { formatClp } from '../../lib/money';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import {
  codeOfToken,
  hashCardCode,
  hashCardToken,
  newCardToken,
  normalizeCardCode,
} from './gift-cards.codes';
import {
  GiftCardAdjustmentError,
  GiftCardAmountError,
  GiftCardBalanceError,
  GiftCardExpiredError,
  GiftCardNotFoundError,
} from './gift-cards.errors';
import {
  attachPaymentToHold,
  cardBalance,
  findCard,
  findCardByCodeHash,
  insertCardEntry,
  insertPendingCard,
  listCardMoneyOfEnrollment,
  listHoldsOfSale,
  listPendingCardsOfSale,
  listReleasesOfSale,
  listUnreleasedHoldsOfSale,
  lockCardForEntry,
  markCardIssued,
  voidPendingCards,
} from './gift-cards.queries';

/**
 * Gift cards ("tarjetas de regalo"): money in CLP kept as a ledger of signed rows
 * (gift_card_entries), never a counter; a balance is their sum. Every spend first locks the card row
 * (a conditional UPDATE: PostgreSQL's row lock, SQLite's write lock), then sums the ledger and writes
 * its entry, all in the caller's transaction: the one that records the payment. Rejected: a
 * `balance_clp` column with a guarded decrement (two truths to keep equal), and summing without the
 * lock (under READ COMMITTED two spends both see the last pesos).
 */

/** What the shop sells: from $5.000 to $500.000, in whole thousands. */
export const GIFT_CARD_LIMITS = { minClp: 5_000, maxClp: 500_000, stepClp: 1_000 } as const;

/**
 * How long an issued card can be spent: two years. Chilean law sets no minimum for gift cards
 * (Ley 19.496 asks that the term be told before buying, which the shop page and the card do); two
 * years is what the large Chilean retailers give, and long enough that a card is rarely lost to time.
 */
export const GIFT_CARD_VALIDITY_DAYS = 730;

/** Refuses an amount the shop does not sell. Throws GiftCardAmountError. */
export function checkGiftCardAmount(amountClp: number): void {
  const { minClp, maxClp, stepClp } = GIFT_CARD_LIMITS;
  if (!Number.isInteger(amountClp) || amountClp < minClp || amountClp > maxClp || amountClp % stepClp !== 0)
    throw new GiftCardAmountError(
      `El monto debe estar entre ${formatClp(minClp)} y ${formatClp(maxClp)}, en miles de pesos (por ejemplo ${formatClp(20_000)}).`,
    );
}

/**
 * Writes the card an order line sells, PENDIENTE until the order is paid. Called by the sales
 * module in the transaction that places the order. Throws GiftCardAmountError.
 */
export async function createPendingGiftCard(
  trx: Tx,
  input: {
    saleId: number;
    saleLineId: number;
    buyerCustomerId: number;
    recipientName: string;
    recipientEmail: string;
    message: string | null;
    amountClp: number;
  },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number> {
  checkGiftCardAmount(input.amountClp);
  return insertPendingCard(trx, { ...input, now: ctx.now });
}

/**
 * Issues the cards of a paid order: each gets its code and printable page, an issue entry for its
 * amount, and is e-mailed to its recipient. Called by the sales module in the transaction that marks
 * the order paid (once); a card that is no longer pending is skipped. Returns how many were issued.
 */
export async function issueGiftCardsForSale(trx: Tx, saleId: number, ctx: ServiceContext): Promise<number> {
  let issued = 0;
  for (const card of await listPendingCardsOfSale(trx, saleId)) {
    const token = newCardToken();
    const code = codeOfToken(token);
    const expiresAt = addHours(ctx.now, GIFT_CARD_VALIDITY_DAYS * 24);
    const done = await markCardIssued(trx, card.id, {
      codeHash: hashCardCode(code),
      codeLast4: normalizeCardCode(code).slice(-4),
      tokenHash: hashCardToken(token),
      now: ctx.now,
      expiresAt,
    });
    if (!done) continue;
    await insertCardEntry(trx, {
      giftCardId: card.id,
      kind: 'issue',
      amountClp: card.amountClp,
      now: ctx.now,
    });
    const cardPath = giftCardPagePath(token);
    await queueEmail(
      trx,
      {
        template: 'gift_card_issued',
        to: card.recipientEmail,
        data: {
          recipientName: card.recipientName,
          buyerName: card.buyerName,
          amountClp: card.amountClp,
          message: card.message,
          code,
          expiresAt: expiresAt.toISOString(),
          cardPath,
        },
        saleId,
        dedupeKey: `gift-card-${card.id}-issued`,
      },
      ctx,
    );
    issued++;
  }
  return issued;
}

/** The printable page of a card (its token is the only way to it). */
export const giftCardPagePath = (token: string) => `/tarjetas-regalo/${token}/`;

/** An unpaid order with cards was cancelled: they will never be issued. */
export async function voidGiftCardsOfSale(trx: Tx, saleId: number): Promise<void> {
  await voidPendingCards(trx, saleId);
}

export type GiftCardSpend = { giftCardId: number; amountClp: number; balanceAfterClp: number; last4: string };

/**
 * Spends a card, guarded: finds it by the code typed, locks it, sums its ledger and takes up to
 * `maxClp` (what the balance allows), then
 * lets `record` write what that money does and notes the redeem entry against it, all in the
 * caller's transaction: a payment (`paymentId`), or money held for an unpaid order (`saleId`: the
 * hold becomes a payment when the order is paid, or goes back when it is cancelled). Throws
 * GiftCardNotFoundError, GiftCardExpiredError, GiftCardBalanceError.
 */
export async function spendGiftCard(
  trx: Tx,
  input: { code: string; maxClp: number },
  record: (spend: {
    giftCardId: number;
    amountClp: number;
    last4: string;
  }) => Promise<{ paymentId: number } | { saleId: number }>,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<GiftCardSpend> {
  const typed = normalizeCardCode(input.code);
  const card = typed.length === 12 ? await findCardByCodeHash(trx, hashCardCode(typed)) : undefined;
  if (!card) throw new GiftCardNotFoundError();
  if (!(await lockCardForEntry(trx, card.id, ctx.now))) throw new GiftCardExpiredError();
  const balance = await cardBalance(trx, card.id);
  if (balance <= 0) throw new GiftCardBalanceError('Esta tarjeta de regalo ya no tiene saldo.');
  const amountClp = Math.min(balance, input.maxClp);
  const last4 = card.codeLast4 ?? '';
  const recorded = await record({ giftCardId: card.id, amountClp, last4 });
  await insertCardEntry(trx, {
    giftCardId: card.id,
    kind: 'redeem',
    amountClp: -amountClp,
    ...recorded,
    now: ctx.now,
  });
  return { giftCardId: card.id, amountClp, balanceAfterClp: balance - amountClp, last4 };
}

/** What cards paid towards an enrollment and still hold, per card (newest card first). */
export async function giftCardMoneyOfEnrollment(trx: Tx, enrollmentId: number) {
  return listCardMoneyOfEnrollment(trx, enrollmentId);
}

/**
 * Money a card paid goes back to it: a refund entry against the REFUND payment that records it.
 * The card does not need to be vigente: what comes back to an expired card is written, and stays
 * out of what it can spend and of the liability (both read only unexpired cards).
 */
export async function returnToGiftCard(
  trx: Tx,
  input: { giftCardId: number; amountClp: number; paymentId: number },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  await lockCardForEntry(trx, input.giftCardId, ctx.now);
  await insertCardEntry(trx, {
    giftCardId: input.giftCardId,
    kind: 'refund',
    amountClp: input.amountClp,
    paymentId: input.paymentId,
    now: ctx.now,
  });
}

/** What cards hold for an unpaid order, one row per hold (oldest first), the amounts positive. */
export async function giftCardHoldsOfSale(trx: Tx, saleId: number) {
  return listHoldsOfSale(trx, saleId);
}

/**
 * The order a hold was for is paid: the hold's entry names the PAYMENT row that records it. Throws
 * when the hold was already paid (the caller's guard on the order makes that impossible).
 */
export async function markHoldPaid(trx: Tx, entryId: number, paymentId: number): Promise<void> {
  if (!(await attachPaymentToHold(trx, entryId, paymentId)))
    throw new Error(`gift card hold ${entryId} was already paid`);
}

/**
 * An order cancelled or lapsed gives its cards back what they held: a refund entry per card naming
 * the order, in the transaction that cancels it. Nothing was paid, so no payment row moves. An
 * expired card takes it back too and keeps it out of what it can spend (as returnToGiftCard).
 * Returns what went back.
 */
export async function releaseGiftCardHolds(
  trx: Tx,
  saleId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number> {
  let released = 0;
  for (const hold of await listUnreleasedHoldsOfSale(trx, saleId)) {
    await insertCardEntry(trx, {
      giftCardId: hold.giftCardId,
      kind: 'refund',
      amountClp: hold.heldClp,
      saleId,
      now: ctx.now,
    });
    released += hold.heldClp;
  }
  return released;
}

/**
 * A lapsed order that comes back because its payment arrived late (sales' reinstateLapsedSale)
 * holds again what its cards held before it lapsed: each card is locked and must still be vigente
 * with the balance, then a redeem entry naming the order. Returns what the cards hold again, or
 * null (writing nothing the caller keeps: it rolls back) when a card cannot give it any more.
 */
export async function retakeGiftCardHolds(
  trx: Tx,
  saleId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number | null> {
  let held = 0;
  for (const release of await listReleasesOfSale(trx, saleId)) {
    if (!(await lockCardForEntry(trx, release.giftCardId, ctx.now))) return null;
    if ((await cardBalance(trx, release.giftCardId)) < release.releasedClp) return null;
    await insertCardEntry(trx, {
      giftCardId: release.giftCardId,
      kind: 'redeem',
      amountClp: -release.releasedClp,
      saleId,
      now: ctx.now,
    });
    held += release.releasedClp;
  }
  return held;
}

/**
 * Staff add or take money by hand, with a reason (audited). A card must be issued and vigente; a
 * removal may not take it below zero. Throws NotFoundError, GiftCardAdjustmentError.
 */
export async function adjustGiftCard(
  trx: Tx,
  input: { giftCardId: number; amountClp: number; reason: string },
  ctx: ServiceContext,
): Promise<{ balanceClp: number }> {
  const card = await findCard(trx, input.giftCardId);
  if (!card) throw new NotFoundError('Esa tarjeta de regalo no existe.');
  if (!(await lockCardForEntry(trx, card.id, ctx.now)))
    throw new GiftCardAdjustmentError('Esta tarjeta no está vigente: no se puede ajustar su saldo.');
  const before = await cardBalance(trx, card.id);
  if (before + input.amountClp < 0)
    throw new GiftCardAdjustmentError(
      `La tarjeta tiene ${formatClp(before)}: no puedes quitar ${formatClp(-input.amountClp)}.`,
    );
  await insertCardEntry(trx, {
    giftCardId: card.id,
    kind: 'adjustment',
    amountClp: input.amountClp,
    reason: input.reason,
    userId: ctx.actor?.userId ?? null,
    now: ctx.now,
  });
  await recordAudit(
    trx,
    {
      entityType: 'gift_card',
      entityId: card.id,
      action: 'update',
      before: { balanceClp: before },
      after: { balanceClp: before + input.amountClp, adjustmentClp: input.amountClp, reason: input.reason },
    },
    ctx,
  );
  return { balanceClp: before + input.amountClp };
}
