import type { Db, Tx } from '../../db/database';
import type { NoShowCharge } from '../../db/schema';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findCentrePolicy, findWorkshopPolicies } from './attendance-policy.queries';

/** The terms that decide what a late cancellation or a no-show costs. */
export type AttendanceTerms = {
  /** A customer's cancellation less than this many hours before the start is late. */
  lateCancelHours: number;
  noShowCharge: NoShowCharge;
  /** Only meaningful when noShowCharge is 'fee'. */
  noShowFeeClp: number;
};

export type AttendancePolicy = AttendanceTerms & {
  /** false: the centre's default applies. */
  isCustom: boolean;
  graceHours: number;
  appliesFrom: string;
};

export type AttendanceTermsInput = AttendanceTerms;

/** The policies in force for these workshops (their own, or the centre's), by workshop id. */
export async function attendancePolicies(
  db: Db | Tx,
  workshopIds: number[],
): Promise<Map<number, AttendancePolicy>> {
  const [centre, own] = await Promise.all([findCentrePolicy(db), findWorkshopPolicies(db, workshopIds)]);
  const byId = new Map(own.map((p) => [p.workshopId, p]));
  return new Map(
    workshopIds.map((id) => {
      const p = byId.get(id);
      const terms = p ?? centre;
      return [
        id,
        {
          lateCancelHours: terms.lateCancelHours,
          noShowCharge: terms.noShowCharge,
          noShowFeeClp: terms.noShowCharge === 'fee' ? terms.noShowFeeClp : 0,
          isCustom: p !== undefined,
          graceHours: centre.graceHours,
          appliesFrom: centre.appliesFrom,
        },
      ];
    }),
  );
}

export async function attendancePolicy(db: Db | Tx, workshopId: number): Promise<AttendancePolicy> {
  return (await attendancePolicies(db, [workshopId])).get(workshopId)!;
}

export async function centreAttendancePolicy(db: Db | Tx) {
  return findCentrePolicy(db);
}

const terms = (t: AttendanceTerms) => ({
  lateCancelHours: t.lateCancelHours,
  noShowCharge: t.noShowCharge,
  noShowFeeClp: t.noShowCharge === 'fee' ? t.noShowFeeClp : 0,
});

/** Changes the centre's default policy (audited). The grace period is kept as it is. */
export async function saveCentreAttendancePolicy(
  trx: Tx,
  input: AttendanceTermsInput,
  ctx: ServiceContext,
): Promise<void> {
  const before = await findCentrePolicy(trx);
  await trx
    .updateTable('attendanceSettings')
    .set({ ...terms(input), updatedByUserId: ctx.actor?.userId ?? null, updatedAt: ctx.now.toISOString() })
    .where('id', '=', 1)
    .execute();
  await recordAudit(
    trx,
    {
      entityType: 'attendance_policy',
      entityId: 0,
      action: 'update',
      before: terms(before),
      after: terms(input),
    },
    ctx,
  );
}

/**
 * Gives a workshop its own policy, or (input null) returns it to the centre's. Audited on the
 * workshop. Sessions already treated keep what was applied to them.
 */
export async function saveWorkshopAttendancePolicy(
  trx: Tx,
  workshopId: number,
  input: AttendanceTermsInput | null,
  ctx: ServiceContext,
): Promise<void> {
  const [before] = await findWorkshopPolicies(trx, [workshopId]);
  await trx.deleteFrom('workshopAttendancePolicies').where('workshopId', '=', workshopId).execute();
  if (input)
    await trx
      .insertInto('workshopAttendancePolicies')
      .values({
        workshopId,
        ...terms(input),
        updatedByUserId: ctx.actor?.userId ?? null,
        updatedAt: ctx.now.toISOString(),
      })
      .execute();
  await recordAudit(
    trx,
    {
      entityType: 'workshop',
      entityId: workshopId,
      action: 'update',
      before: { attendancePolicy: before ? terms(before) : 'centro' },
      after: { attendancePolicy: input ? terms(input) : 'centro' },
    },
    ctx,
  );
}
