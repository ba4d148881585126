import type { Database, Tx } from '../../db/database';
import type { AttemptPurpose, OnlineProvider } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { DomainError, NotFoundError } from '../../lib/errors';
import { formatClp } from '../../lib/money';
import type { ServiceContext } from '../context';
import { queueEmail } from '../email';
import { findEnrollmentSummary, reinstateLapsedEnrollment } from '../enrollments';
import { findSale, findSaleFor, reinstateLapsedSale, SaleNotPayableError } from '../sales';
import { listAdminEmails } from '../users';
import { PAYMENT_PROVIDER_LABELS } from '../vocabulary';
import {
  type AttemptHandle,
  ProviderRefusedError,
  ProviderUnavailableError,
  type ProviderVerdict,
  type Redirect,
} from './gateways/gateway';
import type { PaymentGateways } from './gateways/registry';
import {
  NothingToPayError,
  PaymentNotApplicableError,
  PaymentStartFailedError,
  ProviderNotOfferedError,
  UnknownOnlinePaymentError,
} from './online-payments.errors';
import {
  type AttemptOrder,
  type AttemptRow,
  claimAuthorized,
  findAttempt,
  findAttemptByBuyOrder,
  findAttemptByToken,
  findAttemptOrder,
  insertAttempt,
  insertAttemptShares,
  leaseAttempt,
  listAttemptShares,
  listAttemptsToSweep,
  markAutoRefunded,
  markClosed,
  markRedirected,
  markReturned,
  noteProviderAnswer,
  scheduleCheck,
  setAttemptDescription,
} from './online-payments.queries';
import { AlreadyPaidError, EnrollmentCancelledError, PaymentConflictError } from './payments.errors';
import { queueCombinedReceipt, recordEnrollmentPayment } from './payments.service';
import { offeredProviders } from './provider-settings.service';
import { settleSale } from './sale-payments.service';

/**
 * Online payments through Webpay and Mercado Pago: an attempt is created with the amount read from
 * the database, the provider is asked to open it, the customer pays on the provider's page, and
 * the result is confirmed server to server (a Webpay commit, a Mercado Pago payment fetched by id),
 * never taken from what the browser brings back. Confirming is idempotent: a conditional UPDATE on
 * the attempt (claimAuthorized) lets one of any number of returns, webhooks and sweeps apply the
 * money, and the ledger's unique keys back it up.
 *
 * These functions take the database, not a transaction: they talk to a provider between short
 * transactions, never while holding one open.
 */
export type OnlinePaymentsDeps = { database: Database; gateways: PaymentGateways };

/** Where providers send the customer back, and Mercado Pago its webhooks (paths under PUBLIC_URL). */
export const PROVIDER_PATHS = {
  webpayReturn: '/pago/webpay/retorno/',
  mercadoPagoReturn: '/pago/mercadopago/retorno/',
  mercadoPagoWebhook: '/pago/mercadopago/webhook/',
} as const;

/** The customer's page for an attempt: its result, or "we are confirming it". */
export const attemptPath = (attemptId: number) => `/pago/en-linea/${attemptId}/`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A customer on the way back from the provider is not raced by the sweeper. */
const SWEEP_GRACE_MS = 2 * MINUTE;
/** How long a sweeper or a refund holds an attempt before another process may try. */
const LEASE_MS = 5 * MINUTE;
/** An attempt the provider never opened (its create failed or timed out) is given up after this. */
const CREATED_TTL_MS = 15 * MINUTE;
/** Webpay's form times out after 5 minutes (10 by some of its pages): past this, commit decides. */
const WEBPAY_FORM_MS = 10 * MINUTE;
/** When an attempt still "pending" at the provider is given up (a late approval still counts). */
const GIVE_UP_MS: Record<OnlineProvider, number> = { webpay: DAY, mercadopago: 3 * DAY };

const handleOf = (attempt: AttemptRow): AttemptHandle => ({
  token: attempt.token,
  buyOrder: attempt.buyOrder,
  providerPaymentId: attempt.providerPaymentId,
});

const isProviderError = (error: unknown): error is ProviderUnavailableError | ProviderRefusedError =>
  error instanceof ProviderUnavailableError || error instanceof ProviderRefusedError;

/**
 * What an attempt pays for, as the customer reads it: «Resina en flor», "tu compra #12", or for a
 * payment of several enrollments its own description («Serie Torno: 8 sesiones»).
 */
export function describeAttempt(
  attempt: { purpose: AttemptPurpose; saleId: number | null; description?: string | null },
  order: Pick<AttemptOrder, 'workshopName'>,
): string {
  if (attempt.description) return `«${attempt.description}»`;
  return attempt.purpose === 'enrollment'
    ? `«${order.workshopName ?? 'Taller'}»`
    : `tu compra #${attempt.saleId}`;
}

/** Where the browser goes to pay an attempt: Webpay's form takes token_ws by POST, Mercado Pago a link. */
export function redirectFor(
  attempt: Pick<AttemptRow, 'provider' | 'token' | 'redirectUrl'>,
): Redirect | null {
  if (!attempt.redirectUrl || !attempt.token) return null;
  return attempt.provider === 'webpay'
    ? { method: 'POST', url: attempt.redirectUrl, fields: { token_ws: attempt.token } }
    : { method: 'GET', url: attempt.redirectUrl, fields: {} };
}

/**
 * What is owed now, read from the database: the balance of an enrollment or the total of an order.
 * Throws NotFoundError, EnrollmentCancelledError, AlreadyPaidError, NothingToPayError or
 * SaleNotPayableError.
 */
async function amountOwed(
  trx: Tx,
  input: { purpose: AttemptPurpose; orderId: number },
  ctx: ServiceContext,
): Promise<number> {
  if (input.purpose === 'enrollment') {
    const enrollment = await findEnrollmentSummary(trx, input.orderId);
    if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
    if (enrollment.status === 'ANULADO') throw new EnrollmentCancelledError();
    if (enrollment.owedClp <= 0) throw new AlreadyPaidError();
    return enrollment.owedClp;
  }
  const sale = await findSaleFor(trx, input.orderId, ctx.actor);
  if (sale.status === 'PAGADO') throw new NothingToPayError('Este pedido ya fue pagado.');
  if (sale.status === 'ANULADO')
    throw new SaleNotPayableError(
      'Este pedido fue anulado y ya no se puede pagar. Puedes armar tu carrito de nuevo.',
    );
  if (sale.expiresAt !== null && sale.expiresAt <= ctx.now.toISOString())
    throw new SaleNotPayableError(
      'El plazo para pagar este pedido venció y será anulado. Puedes armar tu carrito de nuevo.',
    );
  // Gift cards may hold part of it: the provider charges the rest.
  const restClp = sale.totalClp - sale.giftCardClp;
  if (restClp <= 0) throw new NothingToPayError('Este pedido no tiene monto por pagar.');
  return restClp;
}

/**
 * Starts paying an enrollment or an order with a provider staff offer: an attempt for what is owed
 * (from the database), opened at the provider. Returns the attempt's id; its page sends the browser
 * on. The caller checked that the customer may pay this order (sales check it here as well). Throws
 * ProviderNotOfferedError, PaymentStartFailedError (the provider failed: nothing charged, the attempt
 * stays as rejected) and amountOwed's errors.
 */
export async function startOnlinePayment(
  deps: OnlinePaymentsDeps,
  input: { purpose: AttemptPurpose; orderId: number; provider: OnlineProvider | null },
  ctx: ServiceContext,
): Promise<number> {
  const { database } = deps;
  const provider = input.provider;
  const gateway = provider === null ? undefined : deps.gateways[provider];
  const attemptId = await inTransaction(database, async (trx) => {
    const amountClp = await amountOwed(trx, input, ctx);
    const offered = await offeredProviders(trx, deps.gateways);
    if (provider === null || !gateway || !offered.online.includes(provider))
      throw new ProviderNotOfferedError();
    return insertAttempt(trx, {
      purpose: input.purpose,
      orderId: input.orderId,
      provider,
      amountClp,
      now: ctx.now,
    });
  });
  const attempt = (await findAttempt(database.db, attemptId))!;
  const order = (await findAttemptOrder(database.db, attempt))!;
  return openAtProvider(
    deps,
    attempt,
    attempt.purpose === 'enrollment'
      ? `Inscripción: ${order.workshopName ?? 'taller'}`
      : `Compra #${attempt.saleId} en TMM`,
    ctx,
  );
}

/**
 * Asks the attempt's provider to open it (outside any transaction) and keeps its handle. A provider
 * that fails leaves the attempt rejected (nothing charged) and throws PaymentStartFailedError.
 * Returns the attempt's id.
 */
async function openAtProvider(
  deps: OnlinePaymentsDeps,
  attempt: AttemptRow,
  description: string,
  ctx: ServiceContext,
): Promise<number> {
  const { database } = deps;
  const provider = attempt.provider;
  const gateway = deps.gateways[provider]!;
  const attemptId = attempt.id;
  let started: Awaited<ReturnType<typeof gateway.start>>;
  try {
    started = await gateway.start({
      attemptId,
      buyOrder: attempt.buyOrder,
      amountClp: attempt.amountClp,
      description,
      returnUrl: `${ctx.publicUrl}${provider === 'webpay' ? PROVIDER_PATHS.webpayReturn : PROVIDER_PATHS.mercadoPagoReturn}`,
      notificationUrl: `${ctx.publicUrl}${PROVIDER_PATHS.mercadoPagoWebhook}`,
    });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    await inTransaction(database, (trx) =>
      markClosed(trx, attemptId, {
        state: 'rejected',
        providerStatus: 'NO_INICIADO',
        response: { error: error.message },
        now: ctx.now,
      }),
    );
    throw new PaymentStartFailedError(provider);
  }
  await inTransaction(database, (trx) =>
    markRedirected(trx, attemptId, {
      token: started.token,
      redirectUrl: started.redirect.url,
      response: started.raw,
      now: ctx.now,
    }),
  );
  return attemptId;
}

/**
 * Starts one online payment for several enrollments of one customer (a whole series booking): each
 * must still owe and not be annulled, and the attempt is for the sum of what they owe now, each
 * share kept beside it. The attempt names the first of them, like any enrollment attempt, so its
 * pages, e-mails and checks read it as one; `description` is what the customer and the provider
 * read. The caller checked that the customer may pay them. Throws ProviderNotOfferedError,
 * PaymentStartFailedError, NothingToPayError (none given), and per enrollment NotFoundError,
 * EnrollmentCancelledError or AlreadyPaidError.
 */
export async function startEnrollmentsOnlinePayment(
  deps: OnlinePaymentsDeps,
  input: { enrollmentIds: readonly number[]; provider: OnlineProvider | null; description: string },
  ctx: ServiceContext,
): Promise<number> {
  const { database } = deps;
  const provider = input.provider;
  const ids = [...new Set(input.enrollmentIds)].sort((a, b) => a - b);
  if (ids.length === 0) throw new NothingToPayError('No queda nada por pagar.');
  const attemptId = await inTransaction(database, async (trx) => {
    const shares = [];
    for (const enrollmentId of ids)
      shares.push({
        enrollmentId,
        amountClp: await amountOwed(trx, { purpose: 'enrollment', orderId: enrollmentId }, ctx),
      });
    const offered = await offeredProviders(trx, deps.gateways);
    if (provider === null || !deps.gateways[provider] || !offered.online.includes(provider))
      throw new ProviderNotOfferedError();
    const id = await insertAttempt(trx, {
      purpose: 'enrollment',
      orderId: ids[0]!,
      provider,
      amountClp: shares.reduce((sum, share) => sum + share.amountClp, 0),
      now: ctx.now,
    });
    await insertAttemptShares(trx, id, shares);
    await setAttemptDescription(trx, id, input.description.slice(0, 200));
    return id;
  });
  const attempt = (await findAttempt(database.db, attemptId))!;
  return openAtProvider(deps, attempt, input.description, ctx);
}

/** The fields Webpay sends back to return_url (by GET or POST), as received. */
export type WebpayReturn = {
  tokenWs: string | null;
  tbkToken: string | null;
  tbkOrder: string | null;
  tbkSession: string | null;
};

/**
 * The customer's browser back from Webpay. token_ws alone: the payment was decided, and only our
 * server-side commit says how (a token we did not issue is refused without asking Transbank).
 * TBK_TOKEN: the customer cancelled at the form (never committed: Transbank refuses it). Only
 * TBK_ORDEN_COMPRA and TBK_ID_SESION: the form timed out. A provider that does not answer leaves the
 * attempt pending for the sweeper. Returns the attempt's id. Throws UnknownOnlinePaymentError.
 */
export async function confirmWebpayReturn(
  deps: OnlinePaymentsDeps,
  input: WebpayReturn,
  ctx: ServiceContext,
): Promise<number> {
  const { db } = deps.database;
  if (input.tbkToken !== null || input.tokenWs === null) {
    const attempt =
      input.tbkToken !== null
        ? await findAttemptByToken(db, 'webpay', input.tbkToken)
        : input.tbkOrder !== null
          ? await findAttemptByBuyOrder(db, 'webpay', input.tbkOrder)
          : undefined;
    if (!attempt || (input.tbkToken === null && input.tbkSession !== String(attempt.id)))
      throw new UnknownOnlinePaymentError();
    await markReturned(db, attempt.id, ctx.now);
    await inTransaction(deps.database, (trx) =>
      markClosed(trx, attempt.id, {
        state: input.tbkToken !== null ? 'aborted' : 'expired',
        providerStatus: input.tbkToken !== null ? 'ANULADO_EN_WEBPAY' : 'TIEMPO_AGOTADO_EN_WEBPAY',
        response: input,
        now: ctx.now,
      }),
    );
    return attempt.id;
  }
  const attempt = await findAttemptByToken(db, 'webpay', input.tokenWs);
  if (!attempt) throw new UnknownOnlinePaymentError();
  await markReturned(db, attempt.id, ctx.now);
  // A second return (another tab, the back button) reads what the first one stored.
  if (attempt.state === 'authorized' || attempt.state === 'refunded' || attempt.state === 'rejected')
    return attempt.id;
  // The token is ours, so Transbank's answer about it is about this attempt: an amount or buy order
  // other than ours is a mismatch to refuse, not someone else's payment.
  const verdict = await askProvider(deps, attempt, {}, ctx);
  if (verdict) await settle(deps, attempt, verdict, ctx);
  return attempt.id;
}

/**
 * The customer's browser back from Mercado Pago's checkout. Its parameters are not signed: they only
 * point at an attempt and a payment id, and the payment is fetched from the API; a payment made
 * against another buy order proves nothing about this attempt and is ignored. Without a payment id
 * (the customer left the checkout) the attempt waits for a webhook or the sweeper. Returns the
 * attempt's id. Throws UnknownOnlinePaymentError.
 */
export async function confirmMercadoPagoReturn(
  deps: OnlinePaymentsDeps,
  input: { paymentId: string | null; externalReference: string | null; preferenceId: string | null },
  ctx: ServiceContext,
): Promise<number> {
  const { db } = deps.database;
  const attempt = input.externalReference
    ? await findAttemptByBuyOrder(db, 'mercadopago', input.externalReference)
    : input.preferenceId
      ? await findAttemptByToken(db, 'mercadopago', input.preferenceId)
      : undefined;
  if (!attempt) throw new UnknownOnlinePaymentError();
  await markReturned(db, attempt.id, ctx.now);
  if (attempt.state === 'authorized' || attempt.state === 'refunded') return attempt.id;
  if (!input.paymentId || !/^\d{1,20}$/.test(input.paymentId)) return attempt.id;
  const verdict = await askProvider(deps, attempt, { providerPaymentId: input.paymentId }, ctx);
  if (verdict && verdictBuyOrder(verdict) === attempt.buyOrder) await settle(deps, attempt, verdict, ctx);
  return attempt.id;
}

/**
 * A Mercado Pago webhook: refused (401) unless its x-signature verifies; then only the payment id
 * it names is used, to fetch the payment from the API. A payment of a buy order we never issued is
 * acknowledged and ignored. A provider that does not answer throws ProviderUnavailableError, so the
 * endpoint answers an error and Mercado Pago sends the webhook again.
 */
export async function handleMercadoPagoWebhook(
  deps: OnlinePaymentsDeps,
  input: {
    signature: string | undefined;
    requestId: string | undefined;
    dataId: string | null;
    type: string | null;
  },
  ctx: ServiceContext,
): Promise<'unauthorized' | 'ignored' | 'processed'> {
  const gateway = deps.gateways.mercadopago;
  if (!gateway || !(await gateway.verifyWebhook(input))) return 'unauthorized';
  if (input.type !== 'payment' || !input.dataId || !/^\d{1,20}$/.test(input.dataId)) return 'ignored';
  const verdict = await gateway.payment(input.dataId);
  const buyOrder = verdictBuyOrder(verdict);
  const attempt = buyOrder
    ? await findAttemptByBuyOrder(deps.database.db, 'mercadopago', buyOrder)
    : undefined;
  if (!attempt) return 'ignored';
  if (
    verdict.kind === 'approved' &&
    (attempt.state === 'authorized' || attempt.state === 'refunded') &&
    attempt.providerPaymentId !== null &&
    verdict.providerPaymentId !== attempt.providerPaymentId
  ) {
    // A checkout can be paid twice: the second payment is not ours to keep, but which one to give
    // back is a person's call.
    await inTransaction(deps.database, (trx) =>
      alertStaff(
        trx,
        attempt,
        {
          title: 'Segundo pago para la misma compra',
          message: `Mercado Pago informó otro pago aprobado (${verdict.reference}) para una orden que ya estaba pagada (${attempt.providerPaymentId}). Devuélvelo desde el portal de Mercado Pago.`,
          dedupeKey: `mp-duplicate-${verdict.providerPaymentId}`,
        },
        ctx,
      ),
    );
    return 'processed';
  }
  await settle(deps, attempt, verdict, ctx);
  return 'processed';
}

const verdictBuyOrder = (verdict: ProviderVerdict): string | null =>
  verdict.kind === 'abandoned' ? null : (verdict.buyOrder ?? null);

/**
 * Asks the provider about an attempt the customer came back from. Null when it does not answer (a
 * timeout, a 5xx): the attempt stays pending and the sweeper asks again.
 */
async function askProvider(
  deps: OnlinePaymentsDeps,
  attempt: AttemptRow,
  hint: { providerPaymentId?: string },
  ctx: ServiceContext,
): Promise<ProviderVerdict | null> {
  const gateway = deps.gateways[attempt.provider];
  if (!gateway) return null;
  try {
    return await gateway.confirm(handleOf(attempt), hint);
  } catch (error) {
    if (!isProviderError(error)) throw error;
    await noteProviderAnswer(deps.database.db, attempt.id, {
      providerStatus: attempt.providerStatus,
      response: { error: error.message },
      now: ctx.now,
    });
    return null;
  }
}

/** What a provider's approval says that ours does not: a reason to refuse it, or null. */
function mismatchOf(
  attempt: AttemptRow,
  verdict: Extract<ProviderVerdict, { kind: 'approved' }>,
): string | null {
  const problems: string[] = [];
  if (verdict.buyOrder !== attempt.buyOrder)
    problems.push(`la orden de compra informada es «${verdict.buyOrder}» y la nuestra «${attempt.buyOrder}»`);
  if (verdict.amountClp !== attempt.amountClp)
    problems.push(
      `el monto informado es ${formatClp(verdict.amountClp)} y el nuestro ${formatClp(attempt.amountClp)}`,
    );
  if (verdict.currency !== 'CLP') problems.push(`la moneda informada es «${verdict.currency}»`);
  if (verdict.refundedClp > 0) problems.push(`el proveedor ya devolvió ${formatClp(verdict.refundedClp)}`);
  return problems.length === 0 ? null : `No coincide con nuestro registro: ${problems.join('; ')}.`;
}

/**
 * Acts on a provider's verdict about an attempt. Approved and matching: the money counts for the
 * enrollment or the order, once. Approved but the order can no longer take it (a lapsed hold whose
 * seat or stock is gone, an order paid meanwhile): the attempt is kept as authorized and the money
 * goes back automatically; customer and staff are told. Approved with another amount or buy order:
 * refused and staff alerted. Rejected, abandoned: the pending attempt closes. Pending: noted.
 */
export async function settle(
  deps: OnlinePaymentsDeps,
  attempt: AttemptRow,
  verdict: ProviderVerdict,
  ctx: ServiceContext,
): Promise<void> {
  const { database } = deps;
  switch (verdict.kind) {
    case 'pending':
      await noteProviderAnswer(database.db, attempt.id, {
        providerStatus: verdict.status,
        response: verdict.raw,
        now: ctx.now,
      });
      return;
    case 'rejected':
    case 'abandoned':
      await inTransaction(database, (trx) =>
        markClosed(trx, attempt.id, {
          state: verdict.kind === 'rejected' ? 'rejected' : 'expired',
          providerStatus: verdict.status,
          response: verdict.raw,
          now: ctx.now,
        }),
      );
      return;
    case 'approved':
      return settleApproved(deps, attempt, verdict, ctx);
  }
}

async function settleApproved(
  deps: OnlinePaymentsDeps,
  attempt: AttemptRow,
  verdict: Extract<ProviderVerdict, { kind: 'approved' }>,
  ctx: ServiceContext,
): Promise<void> {
  const { database } = deps;
  const claim = (issue: 'mismatch' | 'refund_pending' | null, detail: string | null) => ({
    providerStatus: verdict.status,
    providerPaymentId: verdict.providerPaymentId,
    response: verdict.raw,
    issue,
    issueDetail: detail,
    nextCheckAt: issue === 'refund_pending' ? new Date(ctx.now.getTime() + LEASE_MS) : null,
    now: ctx.now,
  });

  const mismatch = mismatchOf(attempt, verdict);
  if (mismatch) {
    await inTransaction(database, async (trx) => {
      if (!(await claimAuthorized(trx, attempt.id, claim('mismatch', mismatch)))) return;
      await alertStaff(
        trx,
        attempt,
        {
          title: 'Pago rechazado por no coincidir',
          message: `${PAYMENT_PROVIDER_LABELS[attempt.provider]} aprobó un pago que no registramos. ${mismatch} Revísalo en el portal del proveedor.`,
        },
        ctx,
      );
    });
    return;
  }

  let reason: string | null = null;
  for (let tries = 0; reason === null; tries++) {
    try {
      await inTransaction(database, async (trx) => {
        if (!(await claimAuthorized(trx, attempt.id, claim(null, null)))) return;
        await applyToOrder(trx, attempt, verdict, ctx);
      });
      return;
    } catch (error) {
      // Another payment of the same enrollment landed between our read and our write: read again.
      if (error instanceof PaymentConflictError && tries === 0) continue;
      if (!(error instanceof DomainError)) throw error;
      reason = error.message;
    }
  }
  const claimed = await inTransaction(database, (trx) =>
    claimAuthorized(trx, attempt.id, claim('refund_pending', reason)),
  );
  if (claimed) await refundUnapplied(deps, attempt.id, ctx, { first: true });
}

/**
 * Counts an approved payment for its enrollment or order, in the transaction that claimed the
 * attempt. A lapsed hold or order comes back first if its seat or stock is still free. Throws a
 * DomainError when the order cannot take the money (the caller rolls back and refunds).
 */
async function applyToOrder(
  trx: Tx,
  attempt: AttemptRow,
  verdict: Extract<ProviderVerdict, { kind: 'approved' }>,
  ctx: ServiceContext,
): Promise<void> {
  const reference = `${verdict.reference} · ${attempt.buyOrder}`.slice(0, 100);
  const shares = attempt.purpose === 'enrollment' ? await listAttemptShares(trx, attempt.id) : [];
  if (shares.length > 0) return applyToEnrollments(trx, attempt, shares, reference, ctx);
  if (attempt.purpose === 'enrollment') {
    const enrollmentId = attempt.enrollmentId!;
    const enrollment = await findEnrollmentSummary(trx, enrollmentId);
    if (enrollment?.status === 'ANULADO') await reinstateLapsedEnrollment(trx, enrollmentId, ctx);
    await recordEnrollmentPayment(
      trx,
      {
        enrollmentId,
        amountClp: attempt.amountClp,
        method: attempt.provider,
        reference,
        idempotencyKey: `attempt-${attempt.id}`,
        attemptId: attempt.id,
      },
      ctx,
    );
    return;
  }
  const saleId = attempt.saleId!;
  const before = await findSale(trx, saleId);
  if (before?.status === 'ANULADO' && !(await reinstateLapsedSale(trx, saleId, ctx.now)))
    throw new SaleNotPayableError(
      before.expiresAt === null
        ? 'El pedido fue anulado antes de que llegara el pago.'
        : 'El pedido venció y sus productos ya no están disponibles.',
    );
  const sale = (await findSale(trx, saleId))!;
  if (sale.totalClp - sale.giftCardClp !== attempt.amountClp)
    throw new SaleNotPayableError('El monto por pagar del pedido cambió después de iniciar el pago.');
  const outcome = await settleSale(
    trx,
    sale,
    { method: attempt.provider, reference, recordedByUserId: null, attemptId: attempt.id },
    ctx,
    { allowOverdue: true },
  );
  if (outcome === 'already_paid') throw new SaleNotPayableError('El pedido ya estaba pagado por otro medio.');
}

/**
 * Counts a payment of several enrollments: each gets its share as its own PAYMENT row (its receipt
 * included), all in the caller's transaction, so either every one is paid or none is. An enrollment
 * whose hold lapsed comes back first if its seat is free; one that owes anything but its share now
 * (annulled, paid meanwhile another way) throws PaymentNotApplicableError and the whole payment is
 * given back: nothing is ever half paid.
 */
async function applyToEnrollments(
  trx: Tx,
  attempt: AttemptRow,
  shares: readonly { enrollmentId: number; amountClp: number }[],
  reference: string,
  ctx: ServiceContext,
): Promise<void> {
  for (const share of shares) {
    const before = await findEnrollmentSummary(trx, share.enrollmentId);
    if (before?.status === 'ANULADO') await reinstateLapsedEnrollment(trx, share.enrollmentId, ctx);
    const enrollment = await findEnrollmentSummary(trx, share.enrollmentId);
    if (!enrollment || enrollment.status === 'ANULADO' || enrollment.owedClp !== share.amountClp)
      throw new PaymentNotApplicableError(
        `La inscripción de ${enrollment?.workshopName ?? 'una sesión'} cambió después de iniciar el pago.`,
      );
    await recordEnrollmentPayment(
      trx,
      {
        enrollmentId: share.enrollmentId,
        amountClp: share.amountClp,
        method: attempt.provider,
        reference,
        idempotencyKey: `attempt-${attempt.id}-enrollment-${share.enrollmentId}`,
        attemptId: attempt.id,
        receipt: false,
      },
      ctx,
    );
  }
  // One receipt for the whole payment, not one per session.
  await queueCombinedReceipt(
    trx,
    {
      firstEnrollmentId: shares[0]!.enrollmentId,
      description: attempt.description,
      amountClp: attempt.amountClp,
      method: attempt.provider,
      reference,
    },
    ctx,
  );
}

/**
 * Gives back, whole, a payment the order could not take. On success the attempt is refunded and
 * the customer and staff are told; when the provider fails the sweeper tries again later (the
 * customer is told once, at the first failure, that the money will come back).
 */
export async function refundUnapplied(
  deps: OnlinePaymentsDeps,
  attemptId: number,
  ctx: ServiceContext,
  options: { first: boolean },
): Promise<void> {
  const { database } = deps;
  const attempt = await findAttempt(database.db, attemptId);
  if (attempt?.issue !== 'refund_pending') return;
  const order = (await findAttemptOrder(database.db, attempt))!;
  const reason = lowerFirst(attempt.issueDetail ?? 'no pudimos registrarlo.');
  const gateway = deps.gateways[attempt.provider];
  const tell = async (trx: Tx, refunded: boolean) => {
    await queueEmail(
      trx,
      {
        template: 'late_payment_refunded',
        to: order.customerEmail,
        customerId: order.customerId,
        enrollmentId: attempt.enrollmentId,
        saleId: attempt.saleId,
        data: {
          name: order.customerName,
          subject: describeAttempt(attempt, order),
          amountClp: attempt.amountClp,
          method: attempt.provider,
          reason,
          refunded,
          payPath: attemptPath(attempt.id),
        },
        dedupeKey: `late-payment-${attempt.id}-${refunded ? 'refunded' : 'pending'}`,
      },
      ctx,
    );
  };
  try {
    if (!gateway)
      throw new ProviderUnavailableError(attempt.provider, 'sin credenciales en esta instalación');
    const refund = await gateway.refund(
      handleOf(attempt),
      attempt.amountClp,
      `auto-refund-${attempt.buyOrder}`,
    );
    await inTransaction(database, async (trx) => {
      const done = await markAutoRefunded(trx, attempt.id, { response: refund.raw, now: ctx.now });
      if (!done) return;
      await tell(trx, true);
      await alertStaff(
        trx,
        attempt,
        {
          title: 'Pago devuelto automáticamente',
          message: `Llegó un pago de ${PAYMENT_PROVIDER_LABELS[attempt.provider]} por ${formatClp(attempt.amountClp)} que no se pudo registrar (${reason.replace(/\.$/, '')}); se devolvió completo.`,
        },
        ctx,
      );
    });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    await inTransaction(database, async (trx) => {
      await scheduleCheck(trx, attempt.id, new Date(ctx.now.getTime() + 10 * MINUTE));
      if (!options.first) return;
      await tell(trx, false);
      await alertStaff(
        trx,
        attempt,
        {
          title: 'Devolución automática pendiente',
          message: `Llegó un pago de ${PAYMENT_PROVIDER_LABELS[attempt.provider]} por ${formatClp(attempt.amountClp)} que no se pudo registrar (${reason.replace(/\.$/, '')}), y la devolución falló: ${error.message}. La reintentaremos cada 10 minutos.`,
        },
        ctx,
      );
    });
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** An e-mail to every active admin about an attempt that needs a person. */
export async function alertStaff(
  trx: Tx,
  attempt: Pick<
    AttemptRow,
    'id' | 'provider' | 'buyOrder' | 'amountClp' | 'purpose' | 'enrollmentId' | 'saleId'
  >,
  alert: { title: string; message: string; dedupeKey?: string },
  ctx: ServiceContext,
): Promise<void> {
  const order = await findAttemptOrder(trx, attempt);
  const rows: [string, string][] = [
    ['Cliente', order ? `${order.customerName} (${order.customerEmail})` : '—'],
    ['Proveedor', PAYMENT_PROVIDER_LABELS[attempt.provider]],
    ['Orden de compra', attempt.buyOrder],
    ['Monto', formatClp(attempt.amountClp)],
    attempt.purpose === 'enrollment'
      ? ['Inscripción', `N° ${attempt.enrollmentId}`]
      : ['Pedido', `N° ${attempt.saleId}`],
  ];
  for (const to of await listAdminEmails(trx))
    await queueEmail(
      trx,
      {
        template: 'payment_alert',
        to,
        data: {
          title: alert.title,
          message: alert.message,
          rows,
          path: `/gestion/pagos-en-linea/${attempt.id}/`,
        },
        ...(alert.dedupeKey ? { dedupeKey: `${alert.dedupeKey}-${to}` } : {}),
      },
      ctx,
    );
}

/**
 * The sweeper: asks the provider about attempts still pending after a grace period (a customer who
 * never came back, a commit that timed out, a webhook that never came) and settles them, and retries
 * the automatic refunds still due. Each attempt is leased first, so two workers never ask about the
 * same one, and asked again with a growing pause (2, 4, 8 … 60 minutes) while it stays pending.
 */
export async function sweepOnlinePayments(
  deps: OnlinePaymentsDeps,
  ctx: ServiceContext,
  batch = 50,
): Promise<{ checked: number; settled: number }> {
  const { db } = deps.database;
  const ids = await listAttemptsToSweep(db, ctx.now, new Date(ctx.now.getTime() - SWEEP_GRACE_MS), batch);
  let checked = 0;
  let settled = 0;
  for (const id of ids) {
    if (!(await leaseAttempt(db, id, ctx.now, new Date(ctx.now.getTime() + LEASE_MS)))) continue;
    const attempt = (await findAttempt(db, id))!;
    checked++;
    try {
      await checkAttempt(deps, attempt, ctx);
    } catch (error) {
      if (!isProviderError(error)) throw error;
    }
    const after = (await findAttempt(db, id))!;
    if (after.state === 'created' || after.state === 'redirected') {
      const pauseMinutes = Math.min(60, 2 ** after.checkCount);
      await scheduleCheck(db, id, new Date(ctx.now.getTime() + pauseMinutes * MINUTE));
    } else if (after.state !== attempt.state || after.issue !== attempt.issue) settled++;
  }
  return { checked, settled };
}

/** One sweep of one attempt (leased by the caller). Throws the provider's errors. */
export async function checkAttempt(
  deps: OnlinePaymentsDeps,
  attempt: AttemptRow,
  ctx: ServiceContext,
): Promise<void> {
  if (attempt.issue === 'refund_pending') return refundUnapplied(deps, attempt.id, ctx, { first: false });
  if (attempt.state !== 'created' && attempt.state !== 'redirected') return;
  const age = ctx.now.getTime() - new Date(attempt.createdAt).getTime();
  if (attempt.state === 'created' || !attempt.token) {
    if (age > CREATED_TTL_MS)
      await inTransaction(deps.database, (trx) =>
        markClosed(trx, attempt.id, {
          state: 'expired',
          providerStatus: 'NO_INICIADO',
          response: null,
          now: ctx.now,
        }),
      );
    return;
  }
  const gateway = deps.gateways[attempt.provider];
  if (!gateway) return;
  let verdict = await gateway.status(handleOf(attempt));
  // A Webpay payment counts only once committed: after the customer came back (our commit got no
  // answer) or once the form can no longer be in use, the sweeper commits it itself.
  if (
    attempt.provider === 'webpay' &&
    verdict.kind === 'pending' &&
    (attempt.returnedAt !== null || age > WEBPAY_FORM_MS)
  )
    verdict = await gateway.confirm(handleOf(attempt), {});
  if (verdict.kind === 'pending' && age > GIVE_UP_MS[attempt.provider])
    verdict = { kind: 'abandoned', status: verdict.status, raw: verdict.raw };
  await settle(deps, attempt, verdict, ctx);
}
