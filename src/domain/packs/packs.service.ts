import type { Tx } from '../../db/database';
import { addHours } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { discountShares } from '../discounts';
import { NoCompanySeatError, NoPackCreditError, PackAdjustmentError } from './packs.errors';
import {
  closePack,
  findPack,
  findRedemption,
  insertEntry,
  insertPack,
  listActivePackIdsOfSale,
  listEligiblePacks,
  listSaleLinesForDiscount,
  listSalePackLines,
  lockPackForEntry,
  packBalance,
  type WorkshopTerms,
} from './packs.queries';

/**
 * Class packs ("bonos") and company seat bundles: a pack's credits are a ledger of signed rows
 * (pack_credit_entries), never a counter, and its balance is their sum. Every spend first locks the
 * pack row (a conditional UPDATE: PostgreSQL's row lock, SQLite's write lock), then sums the ledger
 * and writes its entry, all in the caller's transaction: the one that takes the seat. Rejected: a
 * `credits_left` counter with a guarded decrement (two truths to keep equal), and reading the sum
 * without the lock (under READ COMMITTED two spends both see the last credit).
 */

const DAY_HOURS = 24;

/**
 * Issues the packs of a paid order: one pack per unit of each pack line, valid `validityDays` from
 * now, with a purchase entry for its credits, worth what was paid for it (the line's price less its
 * share of the order's discount code, spread over its units), since that is what its unused credits
 * owe and what the reports count as sold. Called by the sales module in the transaction that
 * marks the order paid (which happens once); the unique (sale line, unit) index refuses a second issue.
 */
export async function issuePacksForSale(trx: Tx, saleId: number, ctx: Pick<ServiceContext, 'now'>) {
  const lines = await listSalePackLines(trx, saleId);
  const discounts = await lineDiscounts(trx, saleId, lines[0]?.discountClp ?? 0);
  let issued = 0;
  for (const line of lines) {
    const lineDiscount = discounts.get(line.saleLineId) ?? 0;
    const perUnit = Math.floor(lineDiscount / line.quantity);
    for (let unitNo = 1; unitNo <= line.quantity; unitNo++) {
      const packId = await insertPack(trx, {
        customerId: line.customerId,
        companyId: null,
        packProductId: line.packProductId,
        saleId,
        saleLineId: line.saleLineId,
        unitNo,
        name: line.name,
        credits: line.credits,
        // The pesos that do not divide evenly come off the first units.
        priceClp: line.unitPriceClp - perUnit - (unitNo <= lineDiscount % line.quantity ? 1 : 0),
        isOnlineIncluded: line.isOnlineIncluded,
        contactCustomerId: null,
        note: null,
        createdByUserId: null,
        now: ctx.now,
        expiresAt: addHours(ctx.now, line.validityDays * DAY_HOURS),
      });
      await insertEntry(trx, { packId, kind: 'purchase', credits: line.credits, now: ctx.now });
      issued++;
    }
  }
  return issued;
}

/** Each line's share of the order's discount code, by sale line id (empty without a discount). */
async function lineDiscounts(trx: Tx, saleId: number, discountClp: number): Promise<Map<number, number>> {
  if (discountClp <= 0) return new Map();
  const lines = await listSaleLinesForDiscount(trx, saleId);
  const shares = await discountShares(
    trx,
    { saleId },
    {
      discountClp,
      lines: lines.map((l) => ({
        kind: l.kind,
        itemId: l.productId,
        categoryId: l.categoryId,
        amountClp: l.quantity * l.unitPriceClp,
      })),
    },
  );
  return new Map(lines.map((l, i) => [l.id, shares[i] ?? 0]));
}

/**
 * A refund of an order that sold packs: each of its active packs is closed (ANULADO) and its unused
 * credits are forfeited; credits already spent stay spent. Called by payments in the refund's
 * transaction. Returns how many credits were forfeited.
 */
export async function forfeitPacksOfSale(trx: Tx, saleId: number, ctx: ServiceContext): Promise<number> {
  let forfeited = 0;
  for (const packId of await listActivePackIdsOfSale(trx, saleId)) {
    if (!(await closePack(trx, packId, 'ANULADO', ctx.now))) continue;
    const balance = await packBalance(trx, packId);
    if (balance > 0) {
      await insertEntry(trx, {
        packId,
        kind: 'forfeit',
        credits: -balance,
        reason: `Devolución del pedido #${saleId}`,
        userId: ctx.actor?.userId ?? null,
        now: ctx.now,
      });
      forfeited += balance;
    }
  }
  return forfeited;
}

/**
 * Spends credits on an enrollment, one per seat it books (`credits`, default 1), in the transaction
 * that takes its seats: the soonest-expiring eligible pack of the customer (`source: 'pack'`) or of
 * the customer's company (`'company'`) that still holds all of them once locked. All or nothing, from
 * one pack: an enrollment has one redemption entry (a unique index), so a booking is never split
 * across packs. Throws NoPackCreditError / NoCompanySeatError when no pack holds enough.
 */
export async function redeemCredit(
  trx: Tx,
  input: {
    source: 'pack' | 'company';
    customerId: number;
    companyId: number | null;
    workshop: WorkshopTerms;
    enrollmentId: number;
    credits?: number;
  },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ packId: number }> {
  const credits = input.credits ?? 1;
  const owner =
    input.source === 'pack'
      ? { customerId: input.customerId }
      : input.companyId !== null
        ? { companyId: input.companyId }
        : null;
  const candidates = owner ? await listEligiblePacks(trx, owner, input.workshop, ctx.now) : [];
  for (const pack of candidates) {
    if (!(await lockPackForEntry(trx, pack.id, ctx.now))) continue;
    if (pack.balance < credits || (await packBalance(trx, pack.id)) < credits) continue;
    await insertEntry(trx, {
      packId: pack.id,
      kind: 'redeem',
      credits: -credits,
      enrollmentId: input.enrollmentId,
      now: ctx.now,
    });
    return { packId: pack.id };
  }
  throw input.source === 'pack' ? new NoPackCreditError(credits) : new NoCompanySeatError(credits);
}

/**
 * An enrollment paid with a credit was cancelled: before the workshop's cut-off (or when the centre
 * cancels the workshop) the credit comes back (a refund entry), after it the credit is forfeited
 * (a forfeit entry of zero: the redemption stands, and the ledger says it will not come back).
 * Once per enrollment (a unique index). A credit returned to a pack that has closed meanwhile
 * (expired) is not spendable: the expiry job does not reopen it, so it is written as forfeited too.
 * `credits` is how many come back: one per seat the enrollment still holds (default 1).
 * Does nothing for an enrollment that no credit paid.
 */
export async function settleCreditOnCancel(
  trx: Tx,
  input: { enrollmentId: number; returnCredit: boolean; credits?: number },
  ctx: ServiceContext,
): Promise<'returned' | 'forfeited' | null> {
  const redemption = await findRedemption(trx, input.enrollmentId);
  if (!redemption || redemption.settled) return null;
  const open = input.returnCredit && (await lockPackForEntry(trx, redemption.packId, ctx.now));
  await insertEntry(trx, {
    packId: redemption.packId,
    kind: open ? 'refund' : 'forfeit',
    credits: open ? (input.credits ?? 1) : 0,
    enrollmentId: input.enrollmentId,
    now: ctx.now,
  });
  return open ? 'returned' : 'forfeited';
}

/**
 * A companion's seat of an enrollment paid with credits was given up before the cut-off: its credit
 * goes back to the pack that paid the booking, as an adjustment naming the enrollment (the refund
 * entry is the whole booking's, once per enrollment). Nothing when no credit paid it or the pack has
 * closed meanwhile (then the credit is lost, as a late cancellation's). Returns whether it came back.
 */
export async function returnCompanionCredit(
  trx: Tx,
  input: { enrollmentId: number },
  ctx: ServiceContext,
): Promise<boolean> {
  const redemption = await findRedemption(trx, input.enrollmentId);
  if (!redemption || redemption.settled) return false;
  if (!(await lockPackForEntry(trx, redemption.packId, ctx.now))) return false;
  await insertEntry(trx, {
    packId: redemption.packId,
    kind: 'adjustment',
    credits: 1,
    reason: `Acompañante anulado en la inscripción #${input.enrollmentId}`,
    userId: ctx.actor?.userId ?? null,
    now: ctx.now,
  });
  return true;
}

/**
 * Closes a pack whose validity ended (VENCIDO) and writes off what was left (an expire entry).
 * Once: the close is a conditional UPDATE on ACTIVO and the expiry time. False when someone else
 * closed it first.
 */
export async function expirePack(
  trx: Tx,
  packId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<boolean> {
  if (!(await closePack(trx, packId, 'VENCIDO', ctx.now, ctx.now))) return false;
  const balance = await packBalance(trx, packId);
  if (balance > 0) await insertEntry(trx, { packId, kind: 'expire', credits: -balance, now: ctx.now });
  return true;
}

/**
 * Staff add or remove credits by hand, with a reason (audited). A removal may not take the balance
 * below zero; the pack must be active. Throws NotFoundError, PackAdjustmentError.
 */
export async function adjustPackCredits(
  trx: Tx,
  input: { packId: number; credits: number; reason: string },
  ctx: ServiceContext,
): Promise<{ balance: number }> {
  const pack = await findPack(trx, input.packId);
  if (!pack) throw new NotFoundError('Ese bono no existe.');
  if (!(await lockPackForEntry(trx, pack.id, ctx.now)))
    throw new PackAdjustmentError('Este bono ya no está vigente: no se pueden ajustar sus créditos.');
  const before = await packBalance(trx, pack.id);
  if (before + input.credits < 0)
    throw new PackAdjustmentError(`El bono tiene ${before} créditos: no puedes quitar ${-input.credits}.`);
  await insertEntry(trx, {
    packId: pack.id,
    kind: 'adjustment',
    credits: input.credits,
    reason: input.reason,
    userId: ctx.actor?.userId ?? null,
    now: ctx.now,
  });
  await recordAudit(
    trx,
    {
      entityType: 'pack',
      entityId: pack.id,
      action: 'update',
      before: { balance: before },
      after: { balance: before + input.credits, adjustment: input.credits, reason: input.reason },
    },
    ctx,
  );
  return { balance: before + input.credits };
}

/**
 * Staff assign a company a bundle of seats: a pack of the company (no product), valid
 * `validityDays`, worth `priceClp` (what the company paid, for the liability report), with a
 * purchase entry for its seats. The contact, when given, is a customer of that company who sees
 * the roster under /cuenta/empresa/. Audited. Throws PackAdjustmentError for a contact of another company.
 */
export async function assignCompanyBundle(
  trx: Tx,
  input: {
    companyId: number;
    companyName: string;
    seats: number;
    validityDays: number;
    priceClp: number;
    contactCustomerId: number | null;
    contactCompanyId: number | null;
    note: string | null;
  },
  ctx: ServiceContext,
): Promise<number> {
  if (input.contactCustomerId !== null && input.contactCompanyId !== input.companyId)
    throw new PackAdjustmentError('El contacto debe ser una persona de esa empresa.');
  const packId = await insertPack(trx, {
    customerId: null,
    companyId: input.companyId,
    packProductId: null,
    saleId: null,
    saleLineId: null,
    unitNo: 1,
    name: `Convenio ${input.companyName}`.slice(0, 150),
    credits: input.seats,
    priceClp: input.priceClp,
    isOnlineIncluded: true,
    contactCustomerId: input.contactCustomerId,
    note: input.note,
    createdByUserId: ctx.actor?.userId ?? null,
    now: ctx.now,
    expiresAt: addHours(ctx.now, input.validityDays * DAY_HOURS),
  });
  await insertEntry(trx, {
    packId,
    kind: 'purchase',
    credits: input.seats,
    userId: ctx.actor?.userId ?? null,
    now: ctx.now,
  });
  await recordAudit(
    trx,
    {
      entityType: 'pack',
      entityId: packId,
      action: 'create',
      after: {
        companyId: input.companyId,
        seats: input.seats,
        validityDays: input.validityDays,
        priceClp: input.priceClp,
        contactCustomerId: input.contactCustomerId,
      },
    },
    ctx,
  );
  return packId;
}
