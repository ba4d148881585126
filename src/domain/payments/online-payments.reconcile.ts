import type { Db, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { formatClp } from '../../lib/money';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import { listAdminEmails } from '../users';
import { PAYMENT_PROVIDER_LABELS } from '../vocabulary';
import { ProviderRefusedError, ProviderUnavailableError, type ProviderVerdict } from './gateways/gateway';
import { UnknownOnlinePaymentError } from './online-payments.errors';
import {
  type AttemptRow,
  findAttempt,
  leaseAttempt,
  listAttemptLedger,
  listAttemptsToReconcile,
  recordReconciliation,
  scheduleCheck,
} from './online-payments.queries';
import { checkAttempt, type OnlinePaymentsDeps, settle } from './online-payments.service';

const DAY = 24 * 3600_000;
/** The reconciliation looks back this far (Transbank keeps a transaction's status for 7 days). */
export const RECONCILIATION_DAYS = 7;

/**
 * Compares one attempt with what the provider says and with our ledger, and returns every
 * difference as a sentence (empty when everything matches):
 * - approved by us (authorized, refunded): the provider approved the same amount, and has given
 *   back exactly what we recorded as given back; an applied payment has its PAYMENT row and its
 *   REFUND rows add up to what was given back; nothing is waiting for a person (a refused
 *   mismatch, a refund still due);
 * - anything else: the provider did not approve it.
 * A provider that still says "pending" about a pending attempt is no difference: `tmm check`
 * reports attempts pending too long.
 */
export async function differences(
  db: Db | Tx,
  attempt: AttemptRow,
  verdict: ProviderVerdict,
): Promise<string[]> {
  const provider = PAYMENT_PROVIDER_LABELS[attempt.provider];
  const problems: string[] = [];
  const approvedByUs = attempt.state === 'authorized' || attempt.state === 'refunded';
  if (!approvedByUs) {
    if (verdict.kind === 'approved')
      problems.push(`${provider} lo aprobó por ${formatClp(verdict.amountClp)} y aquí no quedó aprobado.`);
    return problems;
  }
  if (verdict.kind !== 'approved') {
    problems.push(`Aquí está aprobado y ${provider} dice «${verdict.status}».`);
    return problems;
  }
  if (verdict.amountClp !== attempt.amountClp)
    problems.push(
      `${provider} informa ${formatClp(verdict.amountClp)} y aquí ${formatClp(attempt.amountClp)}.`,
    );
  if (verdict.refundedClp !== attempt.refundedClp)
    problems.push(
      `${provider} devolvió ${formatClp(verdict.refundedClp)} y aquí consta ${formatClp(attempt.refundedClp)} devuelto.`,
    );
  if (attempt.issue === 'mismatch') problems.push(attempt.issueDetail ?? 'No coincide con nuestro registro.');
  if (attempt.issue === 'refund_pending')
    problems.push('La devolución automática de este pago sigue pendiente.');
  if (attempt.issue === null) {
    const ledger = await listAttemptLedger(db, attempt.id);
    const paid = ledger.filter((r) => r.kind === 'PAYMENT').reduce((sum, r) => sum + r.amountClp, 0);
    const refunded = ledger.filter((r) => r.kind === 'REFUND').reduce((sum, r) => sum + r.amountClp, 0);
    if (paid !== attempt.amountClp)
      problems.push(
        `El libro de pagos registra ${formatClp(paid)} por este pago, no ${formatClp(attempt.amountClp)}.`,
      );
    if (refunded !== attempt.refundedClp)
      problems.push(
        `El libro de pagos registra ${formatClp(refunded)} devueltos, no ${formatClp(attempt.refundedClp)}.`,
      );
  }
  return problems;
}

/**
 * Reconciles one attempt: asks the provider, settles an approval we had missed (a lost webhook, a
 * late payment), then stores what matches and what does not. Returns the differences, or null when
 * the provider did not answer (it is tried again on the next run).
 */
export async function reconcileAttempt(
  deps: OnlinePaymentsDeps,
  attemptId: number,
  ctx: ServiceContext,
): Promise<string[] | null> {
  const { db } = deps.database;
  let attempt = await findAttempt(db, attemptId);
  if (!attempt) return null;
  const gateway = deps.gateways[attempt.provider];
  let verdict: ProviderVerdict;
  if (!gateway) {
    await recordReconciliation(db, attempt.id, {
      result: 'mismatch',
      detail: `${PAYMENT_PROVIDER_LABELS[attempt.provider]} no tiene credenciales en esta instalación: no se pudo consultar.`,
      now: ctx.now,
    });
    return ['Sin credenciales para consultar al proveedor.'];
  }
  const handle = {
    token: attempt.token,
    buyOrder: attempt.buyOrder,
    providerPaymentId: attempt.providerPaymentId,
  };
  try {
    verdict = await gateway.status(handle);
    if (verdict.kind === 'approved' && attempt.state !== 'authorized' && attempt.state !== 'refunded') {
      await settle(deps, attempt, verdict, ctx);
      attempt = (await findAttempt(db, attemptId))!;
      verdict = await gateway.status({ ...handle, providerPaymentId: attempt.providerPaymentId });
    }
  } catch (error) {
    if (error instanceof ProviderUnavailableError || error instanceof ProviderRefusedError) return null;
    throw error;
  }
  const problems = await differences(db, attempt, verdict);
  await recordReconciliation(db, attempt.id, {
    result: problems.length === 0 ? 'matched' : 'mismatch',
    detail: problems.length === 0 ? null : problems.join(' '),
    now: ctx.now,
  });
  return problems;
}

/**
 * The daily reconciliation: every attempt of the last 7 days not reconciled in the last day is
 * compared with its provider and our ledger (reconcileAttempt), and the admins get one e-mail
 * listing the attempts that newly differ. Run hourly by the scheduler, it does each attempt once a
 * day whatever the number of restarts or processes.
 */
export async function reconcileOnlinePayments(
  deps: OnlinePaymentsDeps,
  ctx: ServiceContext,
  options: { batch?: number; all?: boolean } = {},
): Promise<{ checked: number; mismatched: number; unreachable: number }> {
  const { db } = deps.database;
  const since = new Date(ctx.now.getTime() - RECONCILIATION_DAYS * DAY);
  const staleBefore = options.all ? ctx.now : new Date(ctx.now.getTime() - DAY);
  const ids = await listAttemptsToReconcile(db, since, staleBefore, options.batch ?? 500);
  const newlyMismatched: { attempt: AttemptRow; problems: string[] }[] = [];
  let mismatched = 0;
  let unreachable = 0;
  for (const id of ids) {
    const before = await findAttempt(db, id);
    const problems = await reconcileAttempt(deps, id, ctx);
    if (problems === null) {
      unreachable++;
      continue;
    }
    if (problems.length === 0) continue;
    mismatched++;
    if (before?.reconciliation !== 'mismatch')
      newlyMismatched.push({ attempt: (await findAttempt(db, id))!, problems });
  }
  if (newlyMismatched.length > 0)
    await inTransaction(deps.database, async (trx) => {
      const rows: [string, string][] = newlyMismatched.map(({ attempt, problems }) => [
        `${PAYMENT_PROVIDER_LABELS[attempt.provider]} ${attempt.buyOrder}`,
        problems.join(' '),
      ]);
      for (const to of await listAdminEmails(trx))
        await queueEmail(
          trx,
          {
            template: 'payment_alert',
            to,
            data: {
              title: 'Diferencias en la conciliación',
              message: `La conciliación de los últimos ${RECONCILIATION_DAYS} días encontró ${newlyMismatched.length === 1 ? 'un pago que no coincide' : `${newlyMismatched.length} pagos que no coinciden`} con el proveedor.`,
              rows,
              path: '/gestion/pagos-en-linea/?conciliacion=diferencia',
            },
          },
          ctx,
        );
    });
  return { checked: ids.length, mismatched, unreachable };
}

/** What staff's "Consultar ahora" did: asked, found another process asking, or got no answer. */
export type CheckNowOutcome = 'checked' | 'busy' | 'unavailable';

/**
 * Staff's "Consultar ahora" on one attempt: what the sweeper would ask of a pending one, then its
 * reconciliation, at once. Leased like a sweep, so it never runs beside one of the same attempt
 * ('busy'). A provider that does not answer leaves the attempt as it was ('unavailable'). Throws
 * UnknownOnlinePaymentError.
 */
export async function checkAttemptNow(
  deps: OnlinePaymentsDeps,
  attemptId: number,
  ctx: ServiceContext,
): Promise<CheckNowOutcome> {
  const { db } = deps.database;
  const attempt = await findAttempt(db, attemptId);
  if (!attempt) throw new UnknownOnlinePaymentError();
  if (!(await leaseAttempt(db, attemptId, ctx.now, new Date(ctx.now.getTime() + 5 * 60_000)))) return 'busy';
  try {
    await checkAttempt(deps, attempt, ctx);
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRefusedError)) throw error;
    return 'unavailable';
  } finally {
    await scheduleCheck(db, attemptId, ctx.now);
  }
  return (await reconcileAttempt(deps, attemptId, ctx)) === null ? 'unavailable' : 'checked';
}
