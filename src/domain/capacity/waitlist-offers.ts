import type { Tx } from '../../db/database';
import { holdSeat, releaseHold } from '../../db/locks';
import { addHours } from '../../lib/dates';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import { recordWebhookEvent } from '../webhooks';
import { findWorkshopForEnrollment, workshopAvailability } from '../workshops';
import { findFirstWaiting } from './waitlist.queries';

/**
 * Offers every free seat of a workshop to the people waiting, first in line first: the seats the
 * entry waits for (1–4, a party) move to the held pool together (holdSeat) and the entry becomes
 * OFFERED with a deadline, in the caller's
 * transaction — so a freed seat is offered in the same commit that frees it, never lost between
 * two steps. The entry is claimed with `UPDATE … WHERE status = 'WAITING'`, so two transactions
 * never offer to the same person; a lost claim gives the hold back and tries the next person.
 * A party waits until all its seats are free: the next person in line is not skipped for a smaller
 * party behind (rejected: it would let a line of singles starve a family). Returns the ids of the
 * entries offered.
 */
export async function offerFreedSeats(
  trx: Tx,
  input: { workshopId: number; holdHours: number },
  ctx: ServiceContext,
): Promise<number[]> {
  const workshop = await findWorkshopForEnrollment(trx, input.workshopId);
  if (!workshop || workshopAvailability(workshop, ctx.now) !== 'open') return [];
  const offered: number[] = [];
  const lost: number[] = [];
  // Bounded: each round either offers a seat or skips an entry another transaction claimed.
  for (let round = 0; round < workshop.totalSeats + 20; round++) {
    const next = await findFirstWaiting(trx, workshop.id, lost);
    if (!next) break;
    if (!(await holdSeat(trx, workshop.id, next.seats))) break;
    const expiresAt = addHours(ctx.now, input.holdHours);
    const claimed = await trx
      .updateTable('waitlistEntries')
      .set({ status: 'OFFERED', offeredAt: ctx.now.toISOString(), offerExpiresAt: expiresAt.toISOString() })
      .where('id', '=', next.id)
      .where('status', '=', 'WAITING')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await releaseHold(trx, workshop.id, next.seats);
      lost.push(next.id);
      continue;
    }
    await queueEmail(
      trx,
      {
        template: 'waitlist_offer',
        to: next.email,
        customerId: next.customerId,
        data: {
          name: next.fullName,
          workshopName: workshop.name,
          startsAt: workshop.startsAt,
          holdExpiresAt: expiresAt.toISOString(),
          offerPath: `/talleres/${workshop.id}/lista-espera/aceptar/`,
        },
      },
      ctx,
    );
    await recordWebhookEvent(
      trx,
      'waitlist.offered',
      { waitlistEntryId: next.id, workshopId: workshop.id, customerId: next.customerId },
      ctx,
    );
    offered.push(next.id);
  }
  return offered;
}
