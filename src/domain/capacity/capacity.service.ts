import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { releaseHold, releaseSeats, takeSeats } from '../../db/locks';
import type { ServiceContext } from '../context';
import { AlreadyOnWaitlistError, NotOnWaitlistError } from './waitlist.errors';
import { countAhead, findLiveEntry } from './waitlist.queries';
import { offerFreedSeats } from './waitlist-offers';

export { offerFreedSeats };

/**
 * Capacity: a workshop's seats (taken and held, changed only through db/locks.ts) and its waitlist,
 * in one module, because a freed seat and the line waiting for it must move in the same
 * transaction. Enrollments decide *who* may have a seat; this module only counts and hands them out.
 */

/**
 * Before an enrollment takes its seats: a customer holding a live offer for this workshop accepts it
 * (the held seats become theirs), one still waiting leaves the line. The entry is resolved with a
 * conditional UPDATE on its status, so a racing expiry cannot also return the hold. Returns whether
 * the seats will come from the held pool, and how many the offer held.
 */
export async function resolveWaitlistForEnrollment(
  trx: Tx,
  input: { workshopId: number; customerId: number },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ fromHold: boolean; heldSeats: number }> {
  const entry = await findLiveEntry(trx, input.workshopId, input.customerId);
  if (!entry) return { fromHold: false, heldSeats: 0 };
  const offerValid =
    entry.status === 'OFFERED' &&
    entry.offerExpiresAt !== null &&
    entry.offerExpiresAt > ctx.now.toISOString();
  if (entry.status !== 'WAITING' && !offerValid) return { fromHold: false, heldSeats: 0 };
  const resolved = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'ACCEPTED', resolvedAt: ctx.now.toISOString() })
    .where('id', '=', entry.id)
    .where('status', '=', entry.status)
    .executeTakeFirst();
  const fromHold = entry.status === 'OFFERED' && Number(resolved.numUpdatedRows) === 1;
  return { fromHold, heldSeats: fromHold ? entry.seats : 0 };
}

/**
 * Takes `seats` seats (default 1) in one guarded UPDATE, the held ones of an accepted offer first
 * (when resolveWaitlistForEnrollment said so): all or none. False when not enough are free.
 */
export function takeSeat(
  trx: Tx,
  workshopId: number,
  options: { fromHold: boolean; heldSeats?: number; seats?: number },
): Promise<boolean> {
  const held = options.fromHold ? (options.heldSeats ?? 1) : 0;
  return takeSeats(trx, workshopId, options.seats ?? 1, held);
}

/** Gives `count` seats back and offers what is free to the waitlist, in the caller's transaction. */
export async function releaseSeatsAndOffer(
  trx: Tx,
  input: { workshopId: number; count: number; holdHours: number },
  ctx: ServiceContext,
): Promise<void> {
  await releaseSeats(trx, input.workshopId, input.count);
  await offerFreedSeats(trx, { workshopId: input.workshopId, holdHours: input.holdHours }, ctx);
}

/** True when the customer holds an offer for this workshop that has not lapsed. */
export async function hasLiveOffer(
  trx: Tx,
  input: { workshopId: number; customerId: number },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<boolean> {
  const offer = await trx
    .selectFrom('waitlistEntries')
    .select('id')
    .where('workshopId', '=', input.workshopId)
    .where('customerId', '=', input.customerId)
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '>', ctx.now.toISOString())
    .executeTakeFirst();
  return offer !== undefined;
}

/**
 * Puts a customer at the end of a workshop's line (the caller checked the workshop is open and
 * full, and the customer not enrolled). The partial unique index on live entries decides, so a
 * double click adds one entry: AlreadyOnWaitlistError. Returns the place in line.
 */
export async function addToWaitlist(
  trx: Tx,
  input: { workshopId: number; customerId: number; seats?: number },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ position: number }> {
  const inserted = await trx
    .insertInto('waitlistEntries')
    .values({
      workshopId: input.workshopId,
      customerId: input.customerId,
      seats: input.seats ?? 1,
      status: 'WAITING',
      createdAt: ctx.now.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['workshopId', 'customerId'])
        // Literal predicate: PostgreSQL matches the partial index only against a constant.
        .where(sql<boolean>`status in ('WAITING', 'OFFERED')`)
        .doNothing(),
    )
    .returning(['id', 'createdAt'])
    .executeTakeFirst();
  if (!inserted) throw new AlreadyOnWaitlistError();
  return { position: (await countAhead(trx, input.workshopId, inserted)) + 1 };
}

/**
 * Takes a customer out of the line. Leaving with a live offer gives the held seat back and offers
 * it to the next person in the same transaction. Throws NotOnWaitlistError.
 */
export async function leaveWaitlist(
  trx: Tx,
  input: { workshopId: number; customerId: number; holdHours: number },
  ctx: ServiceContext,
): Promise<void> {
  const left = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'LEFT', resolvedAt: ctx.now.toISOString() })
    .where('workshopId', '=', input.workshopId)
    .where('customerId', '=', input.customerId)
    .where('status', 'in', ['WAITING', 'OFFERED'])
    .returning(['id', 'offeredAt', 'seats'])
    .executeTakeFirst();
  if (!left) throw new NotOnWaitlistError();
  // offered_at is set only when the entry became OFFERED, so it tells which status we just left.
  if (left.offeredAt !== null) {
    await releaseHold(trx, input.workshopId, left.seats);
    await offerFreedSeats(trx, { workshopId: input.workshopId, holdHours: input.holdHours }, ctx);
  }
}

/**
 * Ends one lapsed offer: the entry becomes EXPIRED, the hold returns and the seat goes to the next
 * person. The claim is conditional (`WHERE status = 'OFFERED' AND offer_expires_at <= now`), so two
 * workers expire it once. Returns false when someone else got there first.
 */
export async function expireOffer(
  trx: Tx,
  input: { entryId: number; holdHours: number },
  ctx: ServiceContext,
): Promise<boolean> {
  const expired = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'EXPIRED', resolvedAt: ctx.now.toISOString() })
    .where('id', '=', input.entryId)
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '<=', ctx.now.toISOString())
    .returning(['workshopId', 'seats'])
    .executeTakeFirst();
  if (!expired) return false;
  await releaseHold(trx, expired.workshopId, expired.seats);
  await offerFreedSeats(trx, { workshopId: expired.workshopId, holdHours: input.holdHours }, ctx);
  return true;
}

/**
 * A cancelled workshop's line closes: live offers expire (their held seats return) and everyone
 * still waiting leaves. Returns the customers affected, to be told.
 */
export async function closeWaitlist(
  trx: Tx,
  workshopId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ customerId: number }[]> {
  const now = ctx.now.toISOString();
  const offers = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'EXPIRED', resolvedAt: now })
    .where('workshopId', '=', workshopId)
    .where('status', '=', 'OFFERED')
    .returning(['customerId', 'seats'])
    .execute();
  for (const offer of offers) await releaseHold(trx, workshopId, offer.seats);
  const waiting = await trx
    .updateTable('waitlistEntries')
    .set({ status: 'LEFT', resolvedAt: now })
    .where('workshopId', '=', workshopId)
    .where('status', '=', 'WAITING')
    .returning('customerId')
    .execute();
  return [...offers.map((o) => ({ customerId: o.customerId })), ...waiting];
}
