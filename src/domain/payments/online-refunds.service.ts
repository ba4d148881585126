import type { Db, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { DomainError, NotFoundError } from '../../lib/errors';
import { formatClp } from '../../lib/money';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import { findEnrollmentSummary } from '../enrollments';
import { forfeitPacksOfSale } from '../packs';
import { PAYMENT_PROVIDER_LABELS } from '../vocabulary';
import { type ProviderRefund, ProviderRefusedError, ProviderUnavailableError } from './gateways/gateway';
import { RefundConflictError, RefundFailedError, RefundNotAllowedError } from './online-payments.errors';
import {
  type AttemptRow,
  findAttempt,
  findAttemptOrder,
  listAttemptLedger,
  listAttemptShares,
  markIssue,
  markRefundDone,
  releaseRefund,
  reserveRefund,
} from './online-payments.queries';
import { alertStaff, describeAttempt, type OnlinePaymentsDeps } from './online-payments.service';
import { insertPayment, recordEnrollmentRefund } from './payments.service';

/** How much of an attempt staff may still give back, and why not more. */
export type RefundLimit = { maxClp: number; reason: string | null };

/**
 * The most a refund through this attempt may give back now: what the provider still holds of it,
 * and for an enrollment no more than its refund due (an enrollment is cancelled first, and the
 * cancellation decides what is owed back). Zero with the reason when nothing can go back.
 */
export async function refundLimit(db: Db | Tx, attempt: AttemptRow): Promise<RefundLimit> {
  if (attempt.state === 'refunded') return { maxClp: 0, reason: 'Este pago ya fue devuelto completo.' };
  if (attempt.state !== 'authorized') return { maxClp: 0, reason: 'Solo se devuelve un pago aprobado.' };
  if (attempt.issue !== null)
    return {
      maxClp: 0,
      reason:
        attempt.issue === 'mismatch'
          ? 'Este pago no coincide con nuestro registro: devuélvelo desde el portal del proveedor.'
          : 'Este pago no se registró y se devuelve automáticamente.',
    };
  const ledger = await listAttemptLedger(db, attempt.id);
  if (!ledger.some((row) => row.kind === 'PAYMENT'))
    return { maxClp: 0, reason: 'Este pago no quedó registrado en el libro de pagos.' };
  const held = attempt.amountClp - attempt.refundedClp;
  if (attempt.purpose === 'sale') return { maxClp: held, reason: null };
  const owed = await groupRefundsDue(db, attempt.id);
  if (owed !== null) {
    const dueClp = owed.reduce((sum, e) => sum + e.refundDueClp, 0);
    if (dueClp <= 0)
      return {
        maxClp: 0,
        reason:
          'Este pago cubre varias inscripciones: anula primero la sesión que corresponda; la anulación calcula cuánto se le devuelve.',
      };
    return { maxClp: Math.min(held, dueClp), reason: null };
  }
  const enrollment = await findEnrollmentSummary(db, attempt.enrollmentId!);
  // An active enrollment has money to give back only for a companion's seat it gave up.
  if (!enrollment || (enrollment.status !== 'ANULADO' && enrollment.refundDueClp <= 0))
    return {
      maxClp: 0,
      reason:
        'Para devolver dinero de una inscripción, anúlala primero: la anulación calcula cuánto se le devuelve.',
    };
  if (enrollment.refundDueClp <= 0)
    return { maxClp: 0, reason: 'Esta inscripción no tiene montos por devolver.' };
  return { maxClp: Math.min(held, enrollment.refundDueClp), reason: null };
}

/**
 * For a payment of several enrollments (a series paid at once): the annulled ones among them that
 * are owed money back, each with its refund due, in the order of the payment's shares. Null for a
 * payment of one enrollment.
 */
async function groupRefundsDue(db: Db | Tx, attemptId: number) {
  const shares = await listAttemptShares(db, attemptId);
  if (shares.length === 0) return null;
  const due: { enrollmentId: number; refundDueClp: number }[] = [];
  for (const share of shares) {
    const enrollment = await findEnrollmentSummary(db, share.enrollmentId);
    if (enrollment?.status === 'ANULADO' && enrollment.refundDueClp > 0)
      due.push({ enrollmentId: enrollment.id, refundDueClp: enrollment.refundDueClp });
  }
  return due;
}

/**
 * Staff give back part or all of an online payment through the provider that took it. The refund
 * is reserved on the attempt first (a conditional UPDATE on what was read, and on the form's key, so
 * two clicks or two staff refund once), then the provider is asked, then the ledger gets a REFUND
 * row, the enrollment's refund due or the order's balance goes down, the customer is e-mailed and
 * the change audited. When the provider refuses or does not answer, the reservation is released
 * (after asking for the status, in case the refund went through and only its answer was lost).
 * Throws NotFoundError, RefundNotAllowedError, RefundConflictError, RefundFailedError.
 */
export async function refundOnlinePayment(
  deps: OnlinePaymentsDeps,
  input: { attemptId: number; amountClp: number | 'all'; key: string },
  ctx: ServiceContext,
): Promise<{ refundedClp: number; state: AttemptRow['state'] }> {
  const { database } = deps;
  const { attempt, amountClp } = await inTransaction(database, async (trx) => {
    const attempt = await findAttempt(trx, input.attemptId);
    if (!attempt) throw new NotFoundError('No encontramos ese pago en línea.');
    const limit = await refundLimit(trx, attempt);
    if (limit.reason !== null) throw new RefundNotAllowedError(limit.reason);
    const amountClp = input.amountClp === 'all' ? limit.maxClp : input.amountClp;
    if (!Number.isInteger(amountClp) || amountClp <= 0 || amountClp > limit.maxClp)
      throw new RefundNotAllowedError(
        `El monto debe ser mayor que cero y no puede superar ${formatClp(limit.maxClp)}.`,
      );
    const reserved = await reserveRefund(trx, attempt.id, {
      readRefundedClp: attempt.refundedClp,
      amountClp,
      key: input.key,
      now: ctx.now,
    });
    if (!reserved) throw new RefundConflictError();
    return { attempt, amountClp };
  });

  const gateway = deps.gateways[attempt.provider];
  let refund: ProviderRefund;
  try {
    if (!gateway)
      throw new ProviderUnavailableError(attempt.provider, 'no tiene credenciales en esta instalación');
    const handle = {
      token: attempt.token,
      buyOrder: attempt.buyOrder,
      providerPaymentId: attempt.providerPaymentId,
    };
    try {
      refund = await gateway.refund(handle, amountClp, `refund-${attempt.buyOrder}-${input.key}`);
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      // The refund may have gone through with only its answer lost: the provider's balance says.
      const verdict = await gateway.status(handle);
      if (verdict.kind !== 'approved' || verdict.refundedClp < attempt.refundedClp + amountClp) throw error;
      refund = { reference: 'Devolución confirmada por el estado del proveedor', raw: verdict.raw };
    }
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRefusedError)) throw error;
    await inTransaction(database, (trx) =>
      releaseRefund(trx, attempt.id, { amountClp, key: input.key, now: ctx.now }),
    );
    throw new RefundFailedError(
      attempt.provider,
      error instanceof ProviderRefusedError
        ? `${error.message}. No se devolvió nada.`
        : 'no respondió, y su estado no muestra la devolución. No se devolvió nada: inténtalo de nuevo en unos minutos.',
    );
  }

  return inTransaction(database, async (trx) => {
    const reference = `${refund.reference} · ${attempt.buyOrder}`.slice(0, 100);
    try {
      const group = attempt.purpose === 'enrollment' ? await groupRefundsDue(trx, attempt.id) : null;
      if (group !== null) {
        // Each annulled session of the payment gets back its own refund due, in turn, up to the amount.
        let left = amountClp;
        for (const due of group) {
          const part = Math.min(left, due.refundDueClp);
          if (part <= 0) break;
          await recordEnrollmentRefund(
            trx,
            {
              enrollmentId: due.enrollmentId,
              amountClp: part,
              method: attempt.provider,
              reference,
              recordedByUserId: ctx.actor?.userId ?? null,
              attemptId: attempt.id,
            },
            ctx,
          );
          left -= part;
        }
        if (left > 0)
          throw new RefundNotAllowedError('Las sesiones anuladas ya no tienen tanto por devolver.');
      } else if (attempt.purpose === 'enrollment')
        await recordEnrollmentRefund(
          trx,
          {
            enrollmentId: attempt.enrollmentId!,
            amountClp,
            method: attempt.provider,
            reference,
            recordedByUserId: ctx.actor?.userId ?? null,
            attemptId: attempt.id,
          },
          ctx,
        );
      else
        await insertPayment(
          trx,
          {
            saleId: attempt.saleId,
            kind: 'REFUND',
            amountClp,
            method: attempt.provider,
            reference,
            idempotencyKey: `attempt-${attempt.id}-refund-${input.key}`,
            recordedByUserId: ctx.actor?.userId ?? null,
            attemptId: attempt.id,
          },
          ctx,
        );
      // Money back for an order of packs takes back their unused credits.
      if (attempt.saleId !== null) await forfeitPacksOfSale(trx, attempt.saleId, ctx);
    } catch (error) {
      // The provider gave the money back but the enrollment changed meanwhile (a refund recorded by
      // hand): the ledger cannot take it as is, and a person must look.
      if (!(error instanceof DomainError)) throw error;
      const detail = `La devolución de ${formatClp(amountClp)} se hizo en ${PAYMENT_PROVIDER_LABELS[attempt.provider]} (${refund.reference}) pero no se pudo registrar: ${error.message}`;
      await markIssue(trx, attempt.id, { issue: 'mismatch', detail, now: ctx.now });
      await alertStaff(trx, attempt, { title: 'Devolución sin registrar', message: detail }, ctx);
      return { refundedClp: attempt.refundedClp + amountClp, state: attempt.state };
    }
    await markRefundDone(trx, attempt.id, { response: refund.raw, now: ctx.now });
    const order = (await findAttemptOrder(trx, attempt))!;
    await queueEmail(
      trx,
      {
        template: 'refund_receipt',
        to: order.customerEmail,
        customerId: order.customerId,
        enrollmentId: attempt.enrollmentId,
        saleId: attempt.saleId,
        data: {
          name: order.customerName,
          subject: describeAttempt(attempt, order),
          amountClp,
          method: attempt.provider,
          reference: refund.reference,
          refundedAt: ctx.now.toISOString(),
        },
      },
      ctx,
    );
    await recordAudit(
      trx,
      {
        entityType: 'payment_attempt',
        entityId: attempt.id,
        action: 'update',
        before: { refundedClp: attempt.refundedClp },
        after: { refundedClp: attempt.refundedClp + amountClp, reference: refund.reference },
      },
      ctx,
    );
    const after = (await findAttempt(trx, attempt.id))!;
    return { refundedClp: after.refundedClp, state: after.state };
  });
}
