import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import type { AttendanceTerms } from '../attendance-policy';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { settleCreditOnCancel } from '../packs';

/**
 * Applies the attendance policy to one enrollment whose person did not come: marks it a no-show
 * and, when the policy charges a fee, adds the fee per seat (a party of three that does not come
 * leaves three seats empty) to what it owes (a paid enrollment becomes
 * part-paid, an unpaid one owes more; a debt never lapses, so its unpaid hold is cleared). The
 * claim is `UPDATE … WHERE no_show_at IS NULL AND attended_at IS NULL`, so two runs of the job at
 * once treat it once, and a late check-in that got there first wins. Returns whether it applied.
 */
export async function applyNoShow(
  trx: Tx,
  input: { enrollmentId: number; terms: AttendanceTerms },
  ctx: ServiceContext,
): Promise<boolean> {
  const fee = input.terms.noShowCharge === 'fee' ? input.terms.noShowFeeClp : 0;
  const claimed = await trx
    .updateTable('enrollments')
    .set({
      noShowAt: ctx.now.toISOString(),
      noShowFeeClp: sql<number>`${fee} * seats`,
      amountDueClp: sql<number>`amount_due_clp + ${fee} * seats`,
      status: sql`case when amount_paid_clp >= amount_due_clp + ${fee} * seats then status
        when amount_paid_clp > 0 then 'ABONADO' else 'PENDIENTE' end`,
      expiresAt: null,
    })
    .where('id', '=', input.enrollmentId)
    .where('noShowAt', 'is', null)
    .where('attendedAt', 'is', null)
    .where('status', '<>', 'ANULADO')
    .returning(['id', 'amountDueClp', 'status', 'seats', 'noShowFeeClp'])
    .executeTakeFirst();
  if (!claimed) return false;
  // A no-show that costs nothing gets back the pack credit it was booked with; under the other
  // policies the credit stays spent (it was taken when the seat was).
  const credit =
    input.terms.noShowCharge === 'none'
      ? await settleCreditOnCancel(
          trx,
          { enrollmentId: claimed.id, returnCredit: true, credits: claimed.seats },
          ctx,
        )
      : null;
  await recordAudit(
    trx,
    {
      entityType: 'enrollment',
      entityId: claimed.id,
      action: 'update',
      before: { noShow: false },
      after: {
        noShow: true,
        noShowFeeClp: claimed.noShowFeeClp,
        amountDueClp: claimed.amountDueClp,
        status: claimed.status,
        ...(credit ? { packCredit: credit } : {}),
      },
    },
    ctx,
  );
  return true;
}
