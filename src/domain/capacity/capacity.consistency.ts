import { sql } from 'kysely';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';
import type { ConsistencyCheck } from '../context';

/**
 * seats_taken = the seats of active enrollments (a booking for companions counts each seat) and
 * seats_held = the seats of live waitlist offers, for every workshop.
 */
export const workshopSeatsCheck: ConsistencyCheck = {
  name: 'cupos de talleres',
  run: async (db) => {
    const rows = await db
      .selectFrom('workshops')
      .select((eb) => [
        'workshops.id',
        'workshops.name',
        'workshops.totalSeats',
        'workshops.seatsTaken',
        'workshops.seatsHeld',
        eb
          .selectFrom('enrollments')
          .select(sql<number>`coalesce(sum(enrollments.seats), 0)`.as('n'))
          .whereRef('enrollments.workshopId', '=', 'workshops.id')
          .where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
          .as('activeEnrollments'),
        eb
          .selectFrom('waitlistEntries')
          .select(sql<number>`coalesce(sum(waitlist_entries.seats), 0)`.as('n'))
          .whereRef('waitlistEntries.workshopId', '=', 'workshops.id')
          .where('waitlistEntries.status', '=', 'OFFERED')
          .as('liveOffers'),
      ])
      .orderBy('workshops.id')
      .execute();
    const problems: string[] = [];
    for (const w of rows) {
      const active = Number(w.activeEnrollments ?? 0);
      const offers = Number(w.liveOffers ?? 0);
      if (w.seatsTaken !== active)
        problems.push(
          `Taller #${w.id} "${w.name}": cupos tomados = ${w.seatsTaken}, pero las inscripciones activas suman ${active}.`,
        );
      if (w.seatsHeld !== offers)
        problems.push(
          `Taller #${w.id} "${w.name}": cupos guardados = ${w.seatsHeld}, pero las ofertas de lista de espera vigentes suman ${offers}.`,
        );
      if (active + offers > w.totalSeats)
        problems.push(
          `Taller #${w.id} "${w.name}": ${active + offers} cupos ocupados de ${w.totalSeats} (sobreventa).`,
        );
    }
    return problems;
  },
};
