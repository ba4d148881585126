import type { Tx } from '../../db/database';
import { formatDateTimeLong } from '../../lib/dates';
import type { ServiceContext } from '../context';
import { enrollmentOfTicket } from '../tickets';
import { type DoorEnrollment, findDoorEnrollment, type TicketDetails } from './checkin.queries';
import { CancelledTicketError, InvalidTicketError, WrongSessionTicketError } from './enrollments.errors';

export type CheckInInput = {
  /** The session being checked in at the door. */
  workshopId: number;
  /** What the camera read (a ticket or its address), or the enrollment chosen by name. */
  scanned?: string | undefined;
  enrollmentId?: number | undefined;
};

export type CheckInResult = {
  /** `checked_in` for this request; `already` when someone (maybe at the same moment) did it before. */
  outcome: 'checked_in' | 'already';
  enrollment: DoorEnrollment;
};

/**
 * Marks that a person arrived at a session, once. The write is `UPDATE … SET attended_at
 * WHERE attended_at IS NULL`, so of several staff scanning the same code at the same moment exactly
 * one checks the person in and the others read who did and when (PostgreSQL makes the losers wait
 * for the winner's row lock and re-check the condition; SQLite runs writers one at a time).
 * Throws InvalidTicketError (forged or unknown code), WrongSessionTicketError (another session's
 * ticket) or CancelledTicketError.
 */
export async function checkIn(trx: Tx, input: CheckInInput, ctx: ServiceContext): Promise<CheckInResult> {
  const enrollmentId =
    input.scanned !== undefined ? await enrollmentOfTicket(trx, input.scanned) : (input.enrollmentId ?? null);
  if (enrollmentId === null) throw new InvalidTicketError();
  const before = await findDoorEnrollment(trx, enrollmentId);
  if (!before) throw new InvalidTicketError();
  if (before.workshopId !== input.workshopId)
    throw new WrongSessionTicketError(before.workshopName, formatDateTimeLong(before.startsAt));
  if (before.status === 'ANULADO') throw new CancelledTicketError(before.customerName);

  const result = await trx
    .updateTable('enrollments')
    .set({ attendedAt: ctx.now.toISOString(), checkedInByUserId: ctx.actor?.userId ?? null })
    .where('id', '=', enrollmentId)
    .where('attendedAt', 'is', null)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirst();
  const enrollment = (await findDoorEnrollment(trx, enrollmentId))!;
  if (enrollment.status === 'ANULADO') throw new CancelledTicketError(enrollment.customerName);
  return { outcome: Number(result.numUpdatedRows) === 1 ? 'checked_in' : 'already', enrollment };
}

/**
 * What "Mi entrada" shows: the ticket's facts and, when it will not get anyone in, why (the same
 * rules checkIn applies: a cancelled enrollment holds no seat, a cancelled workshop has no door).
 */
export function describeTicket(t: TicketDetails, imagePath: string) {
  return {
    customerName: t.customerName,
    workshopName: t.workshopName,
    startsAt: t.startsAt,
    durationMinutes: t.durationMinutes,
    place: t.modality === 'ONLINE' ? 'Online' : (t.location ?? 'Taller TMM, Valparaíso'),
    imagePath,
    void:
      t.workshopCancelledAt !== null
        ? 'Este taller fue cancelado: la entrada ya no es válida.'
        : t.status === 'ANULADO'
          ? 'Esta inscripción está anulada: la entrada ya no es válida.'
          : null,
    attendedAt: t.attendedAt,
  };
}
