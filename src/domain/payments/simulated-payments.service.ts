import type { Db, Tx } from '../../db/database';
import type { ServiceContext } from '../context';
import { ProviderNotOfferedError } from './online-payments.errors';
import { listProviderSettings } from './online-payments.queries';
import { type RecordEnrollmentPaymentResult, recordEnrollmentPayment } from './payments.service';

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
