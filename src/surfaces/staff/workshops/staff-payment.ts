import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../../db/database';
import { inTransaction } from '../../../db/transaction';
import { recordEnrollmentPayment, recordEnrollmentRefund } from '../../../domain/payments';
import { PAYMENT_METHOD_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { type FormErrors, parseForm } from '../../../http/forms';
import { formatClp } from '../../../lib/money';
import { paymentForm } from './workshops-admin.forms';

/** A one-time token for a payment form: each rendered form records at most one payment. */
export const formToken = () => randomBytes(16).toString('base64url');

export type StaffPaymentOutcome =
  | { kind: 'success' | 'error' | 'info'; text: string }
  /** The form did not parse: nothing was written; show it again with its messages (422). */
  | { kind: 'invalid'; errors: FormErrors; values: Record<string, string> };

/**
 * A payment staff register (workshop page, debtors list) through the same service as the public
 * payment page. The form's token is the idempotency key, so a resubmitted form records one payment
 * while two separate partial payments record two. Returns the flash to show; domain errors
 * (already paid, amount above the balance, cancelled) propagate to the error handler.
 */
export async function registerStaffPayment(
  database: Database,
  request: FastifyRequest,
  enrollmentId: number,
): Promise<StaffPaymentOutcome> {
  const form = parseForm(paymentForm, request.body);
  if (!form.ok) return { kind: 'invalid', errors: form.errors, values: form.values };
  const result = await inTransaction(database, (trx) =>
    recordEnrollmentPayment(
      trx,
      {
        enrollmentId,
        ...(form.data.monto === null ? {} : { amountClp: form.data.monto }),
        method: form.data.metodo,
        ...(form.data.referencia ? { reference: form.data.referencia } : {}),
        idempotencyKey: `staff:${form.data.clave}`,
        recordedByUserId: request.user?.id ?? null,
      },
      serviceContext(request),
    ),
  );
  if (result.outcome === 'duplicate')
    return { kind: 'info', text: 'Ese pago ya estaba registrado (el formulario se envió dos veces).' };
  const method = PAYMENT_METHOD_LABELS[form.data.metodo];
  return {
    kind: 'success',
    text:
      result.status === 'PAGADO'
        ? `Pago registrado (${method}). La inscripción quedó pagada.`
        : `Abono registrado (${method}). Saldo pendiente: ${formatClp(result.balanceClp)}.`,
  };
}

/**
 * Money given back for a cancelled enrollment, registered by staff (the same form as a payment:
 * amount, method, reference). A resubmitted form finds nothing left to refund and says so.
 */
export async function registerStaffRefund(
  database: Database,
  request: FastifyRequest,
  enrollmentId: number,
): Promise<StaffPaymentOutcome> {
  const form = parseForm(paymentForm, request.body);
  if (!form.ok) return { kind: 'invalid', errors: form.errors, values: form.values };
  const result = await inTransaction(database, (trx) =>
    recordEnrollmentRefund(
      trx,
      {
        enrollmentId,
        ...(form.data.monto === null ? {} : { amountClp: form.data.monto }),
        method: form.data.metodo,
        ...(form.data.referencia ? { reference: form.data.referencia } : {}),
        recordedByUserId: request.user?.id ?? null,
      },
      serviceContext(request),
    ),
  );
  const method = PAYMENT_METHOD_LABELS[form.data.metodo];
  return {
    kind: 'success',
    text:
      result.refundDueClp > 0
        ? `Devolución registrada (${method}). Queda ${formatClp(result.refundDueClp)} por devolver.`
        : `Devolución registrada (${method}). No queda nada por devolver.`,
  };
}
