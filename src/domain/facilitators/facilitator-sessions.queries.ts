import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';

/**
 * What a facilitator sees of the workshops they lead. Every query here takes the facilitator's id
 * and filters on it in SQL: the ownership lives in the query, so no page can forget it.
 */

/**
 * The facilitator's sessions with how many are enrolled and how many came: the coming ones (soonest
 * first, those that started less than a day ago included, attendance is marked then) and the last
 * 100 past ones (newest first).
 */
export async function listFacilitatorSessions(db: Db, facilitatorId: number, now: Date) {
  const cut = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const [upcoming, past] = await Promise.all([
    sessionRows(db, facilitatorId)
      .where('w.startsAt', '>=', cut)
      .orderBy('w.startsAt', 'asc')
      .orderBy('w.id')
      .execute(),
    sessionRows(db, facilitatorId)
      .where('w.startsAt', '<', cut)
      .orderBy('w.startsAt', 'desc')
      .orderBy('w.id', 'desc')
      .limit(100)
      .execute(),
  ]);
  const counted = (rows: typeof upcoming) =>
    rows.map((r) => ({ ...r, booked: Number(r.booked ?? 0), attended: Number(r.attended ?? 0) }));
  return { upcoming: counted(upcoming), past: counted(past) };
}
export type FacilitatorSession = Awaited<ReturnType<typeof listFacilitatorSessions>>['upcoming'][number];

function sessionRows(db: Db, facilitatorId: number) {
  return db
    .selectFrom('workshops as w')
    .select([
      'w.id',
      'w.name',
      'w.startsAt',
      'w.durationMinutes',
      'w.totalSeats',
      'w.cancelledAt',
      'w.location',
    ])
    .select((eb) => [
      eb
        .selectFrom('enrollments as e')
        // People: a booking for companions counts each of its seats.
        .select(sql<number>`coalesce(sum(e.seats), 0)`.as('n'))
        .whereRef('e.workshopId', '=', 'w.id')
        .where('e.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
        .as('booked'),
      eb
        .selectFrom('enrollments as e')
        .select(sql<number>`coalesce(sum(e.seats), 0)`.as('n'))
        .whereRef('e.workshopId', '=', 'w.id')
        .where('e.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
        .where('e.attendedAt', 'is not', null)
        .as('attended'),
    ])
    .where('w.facilitatorId', '=', facilitatorId);
}

/** One session, only when this facilitator leads it (otherwise undefined, shown as a 404). */
export async function findFacilitatorSession(db: Db | Tx, facilitatorId: number, workshopId: number) {
  return db
    .selectFrom('workshops as w')
    .select([
      'w.id',
      'w.name',
      'w.startsAt',
      'w.durationMinutes',
      'w.totalSeats',
      'w.cancelledAt',
      'w.location',
    ])
    .where('w.id', '=', workshopId)
    .where('w.facilitatorId', '=', facilitatorId)
    .executeTakeFirst();
}

/** The roster of a session the facilitator leads: names, status and attendance (no payments, no contact). */
export async function listFacilitatorRoster(db: Db, facilitatorId: number, workshopId: number) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .innerJoin('customers as c', 'c.id', 'e.customerId')
    .select(['e.id', 'c.fullName', 'e.status', 'e.attendedAt', 'e.seats'])
    .where('e.workshopId', '=', workshopId)
    .where('w.facilitatorId', '=', facilitatorId)
    .where('e.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
    .orderBy('c.fullName')
    .orderBy('e.id')
    .execute();
}
export type RosterRow = Awaited<ReturnType<typeof listFacilitatorRoster>>[number];
