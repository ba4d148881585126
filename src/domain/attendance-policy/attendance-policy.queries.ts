import type { Db, Tx } from '../../db/database';

export async function findCentrePolicy(db: Db | Tx) {
  return db
    .selectFrom('attendanceSettings')
    .select(['lateCancelHours', 'noShowCharge', 'noShowFeeClp', 'graceHours', 'appliesFrom'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** The workshops' own policies, by workshop id (those without one are absent). */
export async function findWorkshopPolicies(db: Db | Tx, workshopIds: number[]) {
  if (workshopIds.length === 0) return [];
  return db
    .selectFrom('workshopAttendancePolicies')
    .select(['workshopId', 'lateCancelHours', 'noShowCharge', 'noShowFeeClp'])
    .where('workshopId', 'in', workshopIds)
    .execute();
}
