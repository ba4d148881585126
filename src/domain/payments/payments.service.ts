import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/database';
import type { PaymentKind, PaymentMethod } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { owedClp } from '../balance';
import type { ServiceContext } from '../context';
import { noteCustomerActivity } from '../customers';
import { queueEmail } from '../email';
import { applyPayment, applyRefund, findEnrollmentSummary } from '../enrollments';
import { recordWebhookEvent } from '../webhooks';
import { bookPaymentDay } from './payment-days';
import {
  AlreadyPaidError,
  EnrollmentCancelledError,
  InvalidPaymentAmountError,
  NoRefundDueError,
  PaymentConflictError,
} from './payments.errors';

export type NewPayment = {
  /** Exactly one of enrollmentId and saleId (the table enforces it too). */
  enrollmentId?: number | null;
  saleId?: number | null;
  kind?: PaymentKind;
  amountClp: number;
  method: PaymentMethod;
  reference: string;
  /** When set, a second insert with the same key records nothing (replayed or double-clicked POST). */
  idempotencyKey?: string | null;
  recordedByUserId?: number | null;
  /** The online payment attempt that moved this money. */
  attemptId?: number | null;
};

/**
 * Inserts one row in the payments ledger, or nothing when the idempotency key was already used.
 * Returns the new id, or null for a duplicate. The building block shared by enrollment payments
 * and shop sales: callers update their own totals in the same transaction.
 */
export async function insertPayment(trx: Tx, payment: NewPayment, ctx: Pick<ServiceContext, 'now'>) {
  const row = await trx
    .insertInto('payments')
    .values({
      enrollmentId: payment.enrollmentId ?? null,
      saleId: payment.saleId ?? null,
      kind: payment.kind ?? 'PAYMENT',
      amountClp: payment.amountClp,
      method: payment.method,
      reference: payment.reference,
      idempotencyKey: payment.idempotencyKey ?? null,
      paidAt: ctx.now.toISOString(),
      recordedByUserId: payment.recordedByUserId ?? null,
      attemptId: payment.attemptId ?? null,
      createdAt: ctx.now.toISOString(),
    })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await bookPaymentDay(trx, row.id);
  if (row && payment.kind === 'REFUND')
    await recordWebhookEvent(
      trx,
      'payment.refunded',
      { paymentId: row.id, enrollmentId: payment.enrollmentId ?? null, saleId: payment.saleId ?? null },
      ctx,
    );
  return row?.id ?? null;
}

/** A gift card payment's reference names the card by its last four characters, never by its code. */
export const giftCardReference = (last4: string) => `Tarjeta de regalo ••••${last4}`;

/** A short, human-readable payment reference ("SIM-7F3A9C2B"). */
export function newPaymentReference(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export type RecordEnrollmentPaymentInput = {
  enrollmentId: number;
  /** Defaults to the whole balance. Less than the balance leaves the enrollment ABONADO. */
  amountClp?: number;
  method: PaymentMethod;
  reference?: string;
  /**
   * Defaults to one derived from the enrollment and the amount paid before this payment, so two
   * submissions of the same "Pagar" (double click, replayed POST, two tabs) record one payment.
   * Staff entering several separate partial payments pass their own (e.g. a form token).
   */
  idempotencyKey?: string;
  recordedByUserId?: number | null;
  attemptId?: number | null;
  /** False: the caller sends one receipt for several payments (a whole series paid at once). */
  receipt?: boolean;
};

export type RecordEnrollmentPaymentResult = {
  outcome: 'recorded' | 'duplicate';
  status: 'PAGADO' | 'ABONADO' | 'PENDIENTE' | 'ANULADO';
  amountPaidClp: number;
  balanceClp: number;
  /** The ledger row written (null for a duplicate). */
  paymentId?: number | null;
};

/**
 * Records a payment of an enrollment: a ledger row plus the enrollment's amount paid and status
 * (PAGADO when the balance reaches zero, otherwise ABONADO), and queues the receipt. Idempotent by
 * key; the enrollment is updated with `WHERE amount_paid_clp = <value read>` so two different
 * payments racing cannot both count. Throws NotFoundError, EnrollmentCancelledError (ANULADO),
 * AlreadyPaidError, InvalidPaymentAmountError or PaymentConflictError.
 */
export async function recordEnrollmentPayment(
  trx: Tx,
  input: RecordEnrollmentPaymentInput,
  ctx: ServiceContext,
): Promise<RecordEnrollmentPaymentResult> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
  const idempotencyKey =
    input.idempotencyKey ?? `enrollment:${enrollment.id}:after:${enrollment.amountPaidClp}`;
  const duplicate = await trx
    .selectFrom('payments')
    .select('id')
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
  const balance = owedClp(enrollment);
  const current = { status: enrollment.status, amountPaidClp: enrollment.amountPaidClp, balanceClp: balance };
  if (duplicate) return { outcome: 'duplicate', ...current };
  if (enrollment.status === 'ANULADO') throw new EnrollmentCancelledError();
  if (balance <= 0) throw new AlreadyPaidError();
  const amount = input.amountClp ?? balance;
  if (!Number.isInteger(amount) || amount <= 0 || amount > balance)
    throw new InvalidPaymentAmountError(balance);

  const reference =
    input.reference?.trim() || newPaymentReference(input.method === 'simulado' ? 'SIM' : 'PAG');
  const paymentId = await insertPayment(
    trx,
    {
      enrollmentId: enrollment.id,
      amountClp: amount,
      method: input.method,
      reference,
      idempotencyKey,
      recordedByUserId: input.recordedByUserId ?? null,
      attemptId: input.attemptId ?? null,
    },
    ctx,
  );
  // The same key committed by a concurrent request while we waited on the unique index.
  if (paymentId === null) return { outcome: 'duplicate', ...current };

  const { applied, status, amountPaidClp: amountPaid } = await applyPayment(trx, enrollment, amount);
  if (!applied) throw new PaymentConflictError();
  if (status === 'PAGADO')
    await recordWebhookEvent(
      trx,
      'enrollment.paid',
      { enrollmentId: enrollment.id, workshopId: enrollment.workshopId, customerId: enrollment.customerId },
      ctx,
    );
  const balanceAfter = owedClp({ status, amountDueClp: enrollment.amountDueClp, amountPaidClp: amountPaid });
  await noteCustomerActivity(trx, enrollment.customerId, 'customer', ctx);

  if (input.receipt !== false)
    await queueEmail(
      trx,
      {
        template: 'payment_receipt',
        to: enrollment.customerEmail,
        customerId: enrollment.customerId,
        enrollmentId: enrollment.id,
        data: {
          name: enrollment.customerName,
          workshopName: enrollment.workshopName,
          startsAt: enrollment.startsAt,
          amountClp: amount,
          method: input.method,
          reference,
          paidAt: ctx.now.toISOString(),
          balanceClp: balanceAfter,
        },
      },
      ctx,
    );
  return {
    outcome: 'recorded',
    status,
    amountPaidClp: amountPaid,
    balanceClp: balanceAfter,
    paymentId,
  };
}

/**
 * One receipt for a payment of several enrollments (a whole series), named by `description` (or
 * the first enrollment's workshop) and dated by the first session, nothing left owing.
 */
export async function queueCombinedReceipt(
  trx: Tx,
  input: {
    firstEnrollmentId: number;
    description: string | null;
    amountClp: number;
    method: PaymentMethod;
    reference: string;
  },
  ctx: ServiceContext,
): Promise<void> {
  const first = (await findEnrollmentSummary(trx, input.firstEnrollmentId))!;
  await queueEmail(
    trx,
    {
      template: 'payment_receipt',
      to: first.customerEmail,
      customerId: first.customerId,
      enrollmentId: first.id,
      data: {
        name: first.customerName,
        workshopName: input.description ?? first.workshopName,
        startsAt: first.startsAt,
        amountClp: input.amountClp,
        method: input.method,
        reference: input.reference,
        paidAt: ctx.now.toISOString(),
        balanceClp: 0,
      },
    },
    ctx,
  );
}

/**
 * Records money given back for a cancelled enrollment (staff settle refunds): a REFUND ledger row,
 * and the enrollment's amount paid and refund due both go down by the amount, so "payments minus
 * refunds = amount paid" keeps holding. Throws NotFoundError, NoRefundDueError,
 * InvalidPaymentAmountError or PaymentConflictError.
 */
export async function recordEnrollmentRefund(
  trx: Tx,
  input: {
    enrollmentId: number;
    amountClp?: number;
    method: PaymentMethod;
    reference?: string;
    recordedByUserId?: number | null;
    /** The online payment the money went back through. */
    attemptId?: number | null;
  },
  ctx: ServiceContext,
): Promise<{ refundDueClp: number; paymentId: number | null }> {
  const enrollment = await findEnrollmentSummary(trx, input.enrollmentId);
  if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
  if (enrollment.refundDueClp <= 0) throw new NoRefundDueError();
  const amount = input.amountClp ?? enrollment.refundDueClp;
  if (!Number.isInteger(amount) || amount <= 0 || amount > enrollment.refundDueClp)
    throw new InvalidPaymentAmountError(enrollment.refundDueClp);
  const paymentId = await insertPayment(
    trx,
    {
      enrollmentId: enrollment.id,
      kind: 'REFUND',
      amountClp: amount,
      method: input.method,
      reference: input.reference?.trim() || newPaymentReference('DEV'),
      idempotencyKey: `enrollment:${enrollment.id}:refund-after:${enrollment.refundDueClp}`,
      recordedByUserId: input.recordedByUserId ?? null,
      attemptId: input.attemptId ?? null,
    },
    ctx,
  );
  if (!(await applyRefund(trx, enrollment, amount))) throw new PaymentConflictError();
  return { refundDueClp: enrollment.refundDueClp - amount, paymentId };
}
