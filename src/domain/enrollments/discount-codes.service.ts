import type { Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { codeRejections, redeemDiscountCode } from '../discounts';
import { findWorkshopForEnrollment } from '../workshops';
import { findEnrollmentSummary } from './enrollments.queries';

/**
 * Applies a discount code to an enrollment before anything is paid: the discounts module checks
 * the code and takes its use, and the amount due drops by the discount in the same transaction, so
 * every way of paying (online providers included, which read what is owed from the database)
 * charges the discounted price. An enrollment the code makes free is settled, like a free
 * workshop. `customerId` is the customer asking (null when staff apply it). Throws NotFoundError
 * and DiscountCodeRejectedError.
 */
export async function applyEnrollmentDiscountCode(
  trx: Tx,
  input: { enrollmentId: number; customerId: number | null; code: string },
  ctx: ServiceContext,
): Promise<{ discountClp: number; amountDueClp: number }> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment || (input.customerId !== null && enrollment.customerId !== input.customerId))
    throw new NotFoundError('No encontramos esa inscripción.');
  if (enrollment.status !== 'PENDIENTE' || enrollment.amountPaidClp > 0)
    throw codeRejections.notPending('esta inscripción');
  if (enrollment.discountClp > 0) throw codeRejections.alreadyApplied('Esta inscripción');
  const workshop = (await findWorkshopForEnrollment(trx, enrollment.workshopId))!;
  const { discountClp } = await redeemDiscountCode(
    trx,
    {
      code: input.code,
      customerId: enrollment.customerId,
      target: { enrollmentId: enrollment.id },
      lines: [
        {
          kind: 'workshop',
          itemId: workshop.id,
          categoryId: workshop.categoryId,
          amountClp: enrollment.amountDueClp,
        },
      ],
      what: 'esta inscripción',
    },
    ctx,
  );
  const amountDueClp = enrollment.amountDueClp - discountClp;
  const free = amountDueClp === 0;
  const updated = await trx
    .updateTable('enrollments')
    .set({
      amountDueClp,
      discountClp,
      ...(free ? { status: 'PAGADO' as const, expiresAt: null } : {}),
    })
    .where('id', '=', enrollment.id)
    .where('status', '=', 'PENDIENTE')
    .where('amountPaidClp', '=', 0)
    .where('discountClp', '=', 0)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw codeRejections.notPending('esta inscripción');
  return { discountClp, amountDueClp };
}
