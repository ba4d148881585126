import type { Db, Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { markAttendance } from '../enrollments';
import { findFacilitatorSession, listFacilitatorRoster } from './facilitator-sessions.queries';

const NOT_YOURS = 'No encontramos esa sesión entre las tuyas.';

/** A session and its roster, for the facilitator who leads it. Throws NotFoundError for anyone else's. */
export async function readFacilitatorSession(db: Db, facilitatorId: number, workshopId: number) {
  const session = await findFacilitatorSession(db, facilitatorId, workshopId);
  if (!session) throw new NotFoundError(NOT_YOURS);
  return { session, roster: await listFacilitatorRoster(db, facilitatorId, workshopId) };
}

/**
 * A facilitator marks (or clears) attendance in a session they lead; enrollments of other sessions
 * are ignored by the enrollments module. Throws NotFoundError when the session is not theirs.
 */
export async function markFacilitatorAttendance(
  trx: Tx,
  input: { facilitatorId: number; workshopId: number; enrollmentIds: number[]; present: boolean },
  ctx: ServiceContext,
): Promise<number> {
  if (!(await findFacilitatorSession(trx, input.facilitatorId, input.workshopId)))
    throw new NotFoundError(NOT_YOURS);
  return markAttendance(
    trx,
    { workshopId: input.workshopId, enrollmentIds: input.enrollmentIds, present: input.present },
    ctx,
  );
}
