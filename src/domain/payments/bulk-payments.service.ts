import type { Database, Tx } from '../../db/database';
import type { PaymentMethod } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { DomainError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findEnrollmentSummary } from '../enrollments';
import { recordEnrollmentPayment } from './payments.service';

export type BulkPaymentInput = {
  enrollmentIds: number[];
  method: PaymentMethod;
  /**
   * A token rendered into the bulk form: with the enrollment it makes the idempotency key, so the
   * same submission sent twice (double click, back + resend) records each payment once, while a
   * later, separate submission is a new intent.
   */
  submission: string;
};

export type BulkPaymentResult = {
  recorded: number;
  /** Already recorded by this same submission (a replay). */
  duplicates: number;
  /** Not payable, with the reason the service gave (already paid, cancelled, changed meanwhile). */
  skipped: { enrollmentId: number; reason: string }[];
};

/**
 * Registers the remaining balance of one enrollment as a staff payment, through the payments
 * service (which owns the status change: PAGADO when nothing is left), and audits the enrollment
 * and the new payment. Returns 'recorded' or 'duplicate'. Throws the payment service's errors.
 */
export async function payEnrollmentBalance(
  trx: Tx,
  input: { enrollmentId: number; method: PaymentMethod; idempotencyKey: string },
  ctx: ServiceContext,
): Promise<'recorded' | 'duplicate'> {
  const before = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!before) throw new NotFoundError('No encontramos esa inscripción.');
  const result = await recordEnrollmentPayment(
    trx,
    {
      enrollmentId: input.enrollmentId,
      method: input.method,
      idempotencyKey: input.idempotencyKey,
      recordedByUserId: ctx.actor?.userId ?? null,
    },
    ctx,
  );
  if (result.outcome === 'duplicate') return 'duplicate';
  const payment = await trx
    .selectFrom('payments')
    .select(['id', 'amountClp', 'reference'])
    .where('idempotencyKey', '=', input.idempotencyKey)
    .executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    {
      entityType: 'payment',
      entityId: payment.id,
      action: 'create',
      after: {
        enrollmentId: input.enrollmentId,
        amountClp: payment.amountClp,
        method: input.method,
        reference: payment.reference,
      },
    },
    ctx,
  );
  await recordAudit(
    trx,
    {
      entityType: 'enrollment',
      entityId: input.enrollmentId,
      action: 'update',
      before: { status: before.status, amountPaidClp: before.amountPaidClp },
      after: { status: result.status, amountPaidClp: result.amountPaidClp },
    },
    ctx,
  );
  return 'recorded';
}

/**
 * Bulk "mark paid": each selected enrollment in its own transaction, so one that cannot be paid
 * (already paid, cancelled) is reported and skipped without undoing the others. Rejected: one
 * transaction for the lot, where a single stale row would make staff redo the whole selection.
 */
export async function payEnrollmentBalances(
  database: Database,
  input: BulkPaymentInput,
  ctx: ServiceContext,
): Promise<BulkPaymentResult> {
  const result: BulkPaymentResult = { recorded: 0, duplicates: 0, skipped: [] };
  for (const enrollmentId of input.enrollmentIds) {
    try {
      const outcome = await inTransaction(database, (trx) =>
        payEnrollmentBalance(
          trx,
          {
            enrollmentId,
            method: input.method,
            idempotencyKey: `bulk-pay:${input.submission}:${enrollmentId}`,
          },
          ctx,
        ),
      );
      if (outcome === 'recorded') result.recorded++;
      else result.duplicates++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.skipped.push({ enrollmentId, reason: error.message });
    }
  }
  return result;
}
