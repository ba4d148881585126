import type { Db, Tx } from '../../db/database';
import type { ServiceContext } from '../context';
import { findEnrollmentSummary } from '../enrollments';
import { ProviderNotOfferedError } from './online-payments.errors';
import { listProviderSettings } from './online-payments.queries';
import {
  newPaymentReference,
  queueCombinedReceipt,
  type RecordEnrollmentPaymentResult,
  recordEnrollmentPayment,
} from './payments.service';

/** Whether staff offer the simulated page (on until they turn it off, for development and demos). */
export async function simulatedOffered(db: Db | Tx): Promise<boolean> {
  return (await listProviderSettings(db)).some((row) => row.provider === 'simulated' && row.isEnabled);
}

/**
 * The simulated page's "Pagar": the whole balance as a payment of method "simulado", once (see
 * recordEnrollmentPayment). Refused with ProviderNotOfferedError once staff turned the simulated
 * page off: on a live site it would mark anything paid for free.
 */
export async function paySimulatedEnrollment(
  trx: Tx,
  input: { enrollmentId: number },
  ctx: ServiceContext,
): Promise<RecordEnrollmentPaymentResult> {
  if (!(await simulatedOffered(trx))) throw new ProviderNotOfferedError();
  return recordEnrollmentPayment(trx, { enrollmentId: input.enrollmentId, method: 'simulado' }, ctx);
}

/**
 * The simulated page's "Pagar" for several enrollments at once (a whole series): each one that
 * still owes is paid in full with the same reference, and one receipt covers them all. Returns how
 * many were paid and the total. Throws ProviderNotOfferedError and recordEnrollmentPayment's errors.
 */
export async function paySimulatedEnrollments(
  trx: Tx,
  input: { enrollmentIds: number[]; description: string },
  ctx: ServiceContext,
): Promise<{ paid: number; amountClp: number }> {
  if (!(await simulatedOffered(trx))) throw new ProviderNotOfferedError();
  const reference = newPaymentReference('SIM');
  const paidIds: number[] = [];
  let amountClp = 0;
  for (const enrollmentId of input.enrollmentIds) {
    const before = await findEnrollmentSummary(trx, enrollmentId);
    if (!before || before.status === 'ANULADO' || before.owedClp <= 0) continue;
    const result = await recordEnrollmentPayment(
      trx,
      { enrollmentId, method: 'simulado', reference, receipt: false },
      ctx,
    );
    if (result.outcome === 'duplicate') continue;
    paidIds.push(enrollmentId);
    amountClp += before.owedClp;
  }
  if (paidIds.length > 0)
    await queueCombinedReceipt(
      trx,
      {
        firstEnrollmentId: paidIds[0]!,
        description: input.description,
        amountClp,
        method: 'simulado',
        reference,
      },
      ctx,
    );
  return { paid: paidIds.length, amountClp };
}
