import type { Db } from '../../db/database';

/**
 * Enrollments the attendance policy may still have to treat: active, not checked in, not yet
 * treated, of a session that was not cancelled, started before `startedBefore` and at which
 * somebody was checked in (a session where nobody was means the door was not kept, not that
 * everybody stayed away). Oldest first; the job checks each session's end and grace itself.
 */
export async function listNoShowCandidates(
  db: Db,
  range: { startedAfter: string; startedBefore: string },
  limit: number,
) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select(['enrollments.id', 'enrollments.workshopId', 'workshops.startsAt', 'workshops.durationMinutes'])
    .where('enrollments.status', '<>', 'ANULADO')
    .where('enrollments.attendedAt', 'is', null)
    .where('enrollments.noShowAt', 'is', null)
    .where('workshops.cancelledAt', 'is', null)
    .where('workshops.startsAt', '>', range.startedAfter)
    .where('workshops.startsAt', '<=', range.startedBefore)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('enrollments as arrived')
          .select('arrived.id')
          .whereRef('arrived.workshopId', '=', 'workshops.id')
          .where('arrived.attendedAt', 'is not', null),
      ),
    )
    .orderBy('workshops.startsAt')
    .orderBy('enrollments.id')
    .limit(limit)
    .execute();
}
