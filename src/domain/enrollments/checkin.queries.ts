import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { searchConditions } from '../../db/search';
import { owedSql } from '../balance';

/** What a ticket page shows ("Mi entrada"): whose it is, for what and when. */
export async function findTicketDetails(db: Db, enrollmentId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .select([
      'enrollments.id',
      'enrollments.customerId',
      'enrollments.status',
      'enrollments.attendedAt',
      'customers.fullName as customerName',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.modality',
      'workshops.location',
      'workshops.cancelledAt as workshopCancelledAt',
    ])
    .where('enrollments.id', '=', enrollmentId)
    .executeTakeFirst();
}

export type TicketDetails = NonNullable<Awaited<ReturnType<typeof findTicketDetails>>>;

/** One enrollment as the door sees it: who, for which session, what is owed, whether checked in. */
export async function findDoorEnrollment(db: Db | Tx, enrollmentId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .leftJoin('users as checker', 'checker.id', 'enrollments.checkedInByUserId')
    .select([
      'enrollments.id',
      'enrollments.workshopId',
      'enrollments.status',
      'enrollments.attendedAt',
      owedSql('enrollments').as('owedClp'),
      'customers.fullName as customerName',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'checker.name as checkedInByName',
      'enrollments.seats',
    ])
    .where('enrollments.id', '=', enrollmentId)
    .executeTakeFirst();
}

export type DoorEnrollment = NonNullable<Awaited<ReturnType<typeof findDoorEnrollment>>>;

/**
 * Whose sessions the door pages show: every session for staff, only their own for a facilitator
 * (`facilitatorId`), so a facilitator cannot open or check in another facilitator's session; and for
 * staff limited to some locations (`locationIds`, null: every one), only the sessions held there.
 */
export type DoorScope = { facilitatorId: number | null; locationIds: number[] | null };

/** A location scope as a condition (an empty scope matches nothing). */
const doorLocations = (ids: number[]) => (ids.length > 0 ? ids : [0]);

/** Sessions that start in [from, to), not cancelled, with how many are enrolled and checked in. */
export async function listDoorSessions(db: Db, range: { from: Date; to: Date }, scope: DoorScope) {
  return db
    .selectFrom('workshops')
    .leftJoin('enrollments', (join) =>
      join.onRef('enrollments.workshopId', '=', 'workshops.id').on('enrollments.status', '<>', 'ANULADO'),
    )
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.location',
      // People: a booking for companions counts its seats (its one ticket checks the party in).
      sql<number>`coalesce(sum(enrollments.seats), 0)`.as('enrolled'),
      sql<number>`coalesce(sum(case when enrollments.attended_at is not null then enrollments.seats else 0 end), 0)`.as(
        'checkedIn',
      ),
    ])
    .where('workshops.startsAt', '>=', range.from.toISOString())
    .where('workshops.startsAt', '<', range.to.toISOString())
    .where('workshops.cancelledAt', 'is', null)
    .$if(scope.facilitatorId !== null, (q) => q.where('workshops.facilitatorId', '=', scope.facilitatorId))
    .$if(scope.locationIds !== null, (q) =>
      q.where('workshops.locationId', 'in', doorLocations(scope.locationIds ?? [])),
    )
    .groupBy([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'workshops.durationMinutes',
      'workshops.location',
    ])
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .execute();
}

/** The session for the door page header; null when it does not exist. */
export async function findDoorSession(db: Db, workshopId: number, scope: DoorScope) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt', 'durationMinutes', 'location', 'cancelledAt'])
    .where('id', '=', workshopId)
    .$if(scope.facilitatorId !== null, (q) => q.where('facilitatorId', '=', scope.facilitatorId))
    .$if(scope.locationIds !== null, (q) =>
      q.where('locationId', 'in', doorLocations(scope.locationIds ?? [])),
    )
    .executeTakeFirst();
}

/**
 * The people expected at a session (active enrollments), by name, narrowed by the customers'
 * accent-free search text (name, e-mail, phone): "jose" finds José.
 */
export async function listDoorAttendees(db: Db, workshopId: number, search: string) {
  return db
    .selectFrom('enrollments')
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .leftJoin('users as checker', 'checker.id', 'enrollments.checkedInByUserId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'enrollments.attendedAt',
      owedSql('enrollments').as('owedClp'),
      'customers.fullName as customerName',
      'customers.email as customerEmail',
      'checker.name as checkedInByName',
      'enrollments.seats',
    ])
    .where('enrollments.workshopId', '=', workshopId)
    .where('enrollments.status', '<>', 'ANULADO')
    .where((eb) => eb.and(searchConditions('customers.searchText', search)))
    .orderBy('customers.fullName')
    .orderBy('enrollments.id')
    .limit(300)
    .execute();
}

export type DoorAttendee = Awaited<ReturnType<typeof listDoorAttendees>>[number];
