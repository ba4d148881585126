import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import { releaseHold } from '../../db/locks';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { AlreadyEnrolledError, WorkshopClosedError } from '../enrollments/enrollments.errors';
import { findActiveEnrollment } from '../enrollments/enrollments.queries';
import { enrollCustomer } from '../enrollments/enrollments.service';
import { workshopAvailability } from '../workshops/availability';
import { findWorkshopForEnrollment } from '../workshops/workshops.queries';
import {
  AlreadyOnWaitlistError,
  NoLiveOfferError,
  NotOnWaitlistError,
  SeatsStillAvailableError,
} from './waitlist.errors';
import { countAhead } from './waitlist.queries';
import { offerFreedSeats } from './waitlist-offers';

/**
 * Puts a customer in line for a full workshop. Throws WorkshopClosedError, AlreadyEnrolledError,
 * SeatsStillAvailableError (enroll instead) or AlreadyOnWaitlistError (the partial unique index
 * on live entries decides, so a double click adds one entry). Returns the place in line.
 */
export async function joinWaitlist(
  trx: Tx,
  input: { workshopId: number; customerId: number },
  ctx: ServiceContext,
): Promise<{ position: number }> {
  const workshop = await findWorkshopForEnrollment(trx, input.workshopId);
  if (!workshop) throw new NotFoundError('Ese taller no existe.');
  const availability = workshopAvailability(workshop, ctx.now);
  if (availability !== 'open') throw new WorkshopClosedError(availability);
  const enrolled = await findActiveEnrollment(trx, input.customerId, workshop.id);
  if (enrolled) throw new AlreadyEnrolledError(enrolled.id);
  if (workshop.seatsTaken + workshop.seatsHeld < workshop.totalSeats) throw new SeatsStillAvailableError();
  const inserted = await trx
    .insertInto('waitlistEntries')
    .values({
      workshopId: workshop.id,
      customerId: input.customerId,
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
  return { position: (await countAhead(trx, workshop.id, inserted)) + 1 };
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
    .returning(['id', 'offeredAt'])
    .executeTakeFirst();
  if (!left) throw new NotOnWaitlistError();
  // offered_at is set only when the entry became OFFERED, so it tells which status we just left.
  if (left.offeredAt !== null) {
    await releaseHold(trx, input.workshopId);
    await offerFreedSeats(trx, { workshopId: input.workshopId, holdHours: input.holdHours }, ctx);
  }
}

/**
 * Turns a live offer into an enrollment on the held seat (enrollCustomer converts the hold).
 * Throws NoLiveOfferError when there is none or it lapsed, plus enrollCustomer's errors.
 */
export async function acceptOffer(
  trx: Tx,
  input: { workshopId: number; customerId: number; phone?: string | null },
  ctx: ServiceContext,
): Promise<{ enrollmentId: number; workshopName: string }> {
  const offer = await trx
    .selectFrom('waitlistEntries')
    .select('id')
    .where('workshopId', '=', input.workshopId)
    .where('customerId', '=', input.customerId)
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '>', ctx.now.toISOString())
    .executeTakeFirst();
  if (!offer) throw new NoLiveOfferError();
  return enrollCustomer(trx, input, ctx);
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
    .returning('workshopId')
    .executeTakeFirst();
  if (!expired) return false;
  await releaseHold(trx, expired.workshopId);
  await offerFreedSeats(trx, { workshopId: expired.workshopId, holdHours: input.holdHours }, ctx);
  return true;
}
