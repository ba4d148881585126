import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../../../db/database';
import { inTransaction } from '../../../db/transaction';
import { findDebtor } from '../../../domain/enrollments';
import { recordEnrollmentPayment, recordEnrollmentRefund } from '../../../domain/payments';
import { PAYMENT_METHOD_LABELS } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import type { InvalidForm } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { StaffPaymentPage } from './views/staff-payment.page';
import type { paymentForm } from './workshops-admin.forms';

/** A one-time token for a payment form: each rendered form records at most one payment. */
export const formToken = () => randomBytes(16).toString('base64url');

export type StaffPaymentForm = z.output<typeof paymentForm>;

export type StaffPaymentOutcome = { kind: 'success' | 'info'; text: string };

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
  form: StaffPaymentForm,
): Promise<StaffPaymentOutcome> {
  const result = await inTransaction(database, (trx) =>
    recordEnrollmentPayment(
      trx,
      {
        enrollmentId,
        ...(form.monto === null ? {} : { amountClp: form.monto }),
        method: form.metodo,
        ...(form.referencia ? { reference: form.referencia } : {}),
        idempotencyKey: `staff:${form.clave}`,
        recordedByUserId: request.user?.id ?? null,
      },
      serviceContext(request),
    ),
  );
  if (result.outcome === 'duplicate')
    return { kind: 'info', text: 'Ese pago ya estaba registrado (el formulario se envió dos veces).' };
  const method = PAYMENT_METHOD_LABELS[form.metodo];
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
  form: StaffPaymentForm,
): Promise<StaffPaymentOutcome> {
  const result = await inTransaction(database, (trx) =>
    recordEnrollmentRefund(
      trx,
      {
        enrollmentId,
        ...(form.monto === null ? {} : { amountClp: form.monto }),
        method: form.metodo,
        ...(form.referencia ? { reference: form.referencia } : {}),
        recordedByUserId: request.user?.id ?? null,
      },
      serviceContext(request),
    ),
  );
  const method = PAYMENT_METHOD_LABELS[form.metodo];
  return {
    kind: 'success',
    text:
      result.refundDueClp > 0
        ? `Devolución registrada (${method}). Queda ${formatClp(result.refundDueClp)} por devolver.`
        : `Devolución registrada (${method}). No queda nada por devolver.`,
  };
}

/**
 * A quick payment or refund form that did not parse (an unreadable amount): the full form, marked,
 * keeping its token so the payment is still recorded once. `back` defaults to the workshop's name.
 */
export async function renderInvalidStaffPayment(
  request: FastifyRequest,
  reply: FastifyReply,
  page: {
    enrollmentId: number;
    mode: 'payment' | 'refund';
    action: string;
    back: { href: string; label?: string };
  },
  { values, errors }: InvalidForm,
) {
  const enrollment = await findDebtor(request.server.deps.database.db, page.enrollmentId);
  if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
  return reply.page(StaffPaymentPage, {
    enrollment,
    mode: page.mode,
    action: page.action,
    back: { href: page.back.href, label: page.back.label ?? enrollment.workshopName },
    token: values.clave || formToken(),
    values,
    errors,
  });
}
