import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';

/**
 * A booking for companions adds up: an enrollment's seats are its customer's plus one per companion
 * not given up, so `seats = 1 + active companions` for every enrollment still holding seats.
 */
export const companionSeatsCheck: ConsistencyCheck = {
  name: 'acompañantes de inscripciones',
  run: async (db) => {
    const rows = await db
      .selectFrom('enrollments')
      .select((eb) => [
        'enrollments.id',
        'enrollments.seats',
        eb
          .selectFrom('enrollmentCompanions')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('enrollmentCompanions.enrollmentId', '=', 'enrollments.id')
          .where('enrollmentCompanions.cancelledAt', 'is', null)
          .as('companions'),
      ])
      .where('enrollments.status', '<>', 'ANULADO')
      .where((eb) =>
        eb.or([
          eb('enrollments.seats', '>', 1),
          eb.exists(
            eb
              .selectFrom('enrollmentCompanions')
              .select('enrollmentCompanions.id')
              .whereRef('enrollmentCompanions.enrollmentId', '=', 'enrollments.id'),
          ),
        ]),
      )
      .orderBy('enrollments.id')
      .execute();
    return rows
      .filter((r) => r.seats !== 1 + Number(r.companions ?? 0))
      .map(
        (r) =>
          `Inscripción #${r.id}: ${r.seats} cupos, pero tiene ${Number(r.companions ?? 0)} acompañantes vigentes (deberían ser ${r.seats - 1}).`,
      );
  },
};
