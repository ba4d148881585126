import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import {
  type AttemptIssue,
  type AttemptPurpose,
  type AttemptState,
  type OnlineProvider,
  type PaymentProvider,
  PENDING_ATTEMPT_STATES,
  type ReconciliationResult,
} from '../../db/schema';

/** Everything the services read of an attempt. */
export async function findAttempt(db: Db | Tx, id: number) {
  return db.selectFrom('paymentAttempts').selectAll().where('id', '=', id).executeTakeFirst();
}
export type AttemptRow = NonNullable<Awaited<ReturnType<typeof findAttempt>>>;

export async function findAttemptByToken(db: Db | Tx, provider: OnlineProvider, token: string) {
  return db
    .selectFrom('paymentAttempts')
    .selectAll()
    .where('provider', '=', provider)
    .where('token', '=', token)
    .executeTakeFirst();
}

export async function findAttemptByBuyOrder(db: Db | Tx, provider: OnlineProvider, buyOrder: string) {
  return db
    .selectFrom('paymentAttempts')
    .selectAll()
    .where('provider', '=', provider)
    .where('buyOrder', '=', buyOrder)
    .executeTakeFirst();
}

/**
 * Our buy order: the order's initial and number, then random hex ("I12-7F3A9C2B01"), within
 * Webpay's 26 characters and its allowed set. Readable on a bank statement and in the provider's
 * portal; the unique index decides.
 */
export function newBuyOrder(purpose: AttemptPurpose, orderId: number): string {
  return `${purpose === 'enrollment' ? 'I' : 'V'}${orderId}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export async function insertAttempt(
  trx: Tx,
  values: {
    provider: OnlineProvider;
    purpose: AttemptPurpose;
    orderId: number;
    amountClp: number;
    now: Date;
  },
): Promise<number> {
  const row = await trx
    .insertInto('paymentAttempts')
    .values({
      provider: values.provider,
      purpose: values.purpose,
      enrollmentId: values.purpose === 'enrollment' ? values.orderId : null,
      saleId: values.purpose === 'sale' ? values.orderId : null,
      amountClp: values.amountClp,
      buyOrder: newBuyOrder(values.purpose, values.orderId),
      state: 'created',
      createdAt: values.now.toISOString(),
      updatedAt: values.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** created → redirected, with the provider's handle. False when the attempt moved on meanwhile. */
export async function markRedirected(
  trx: Tx,
  id: number,
  values: { token: string; redirectUrl: string; response: unknown; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('paymentAttempts')
    .set({
      state: 'redirected',
      token: values.token,
      redirectUrl: values.redirectUrl,
      providerResponse: json(values.response),
      redirectedAt: values.now.toISOString(),
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('state', '=', 'created')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A pending attempt becomes rejected, aborted or expired. Only from created or redirected: a
 * decision never overwrites another one (an approval that got there first stays).
 */
export async function markClosed(
  trx: Tx,
  id: number,
  values: {
    state: 'rejected' | 'aborted' | 'expired';
    providerStatus: string | null;
    response: unknown;
    now: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('paymentAttempts')
    .set({
      state: values.state,
      providerStatus: values.providerStatus,
      providerResponse: json(values.response),
      settledAt: values.now.toISOString(),
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('state', 'in', PENDING_ATTEMPT_STATES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The claim that makes an approval count once: → authorized from any state but authorized and
 * refunded (a late approval after a rejection, an abort or an expiry still counts). Two returns, a
 * return and a webhook, or the sweeper racing any of them: one UPDATE wins, the others change
 * nothing and read the stored result.
 */
export async function claimAuthorized(
  trx: Tx,
  id: number,
  values: {
    providerStatus: string;
    providerPaymentId: string | null;
    response: unknown;
    issue: AttemptIssue | null;
    issueDetail: string | null;
    /** Lease for whoever must act next (the automatic refund). */
    nextCheckAt: Date | null;
    now: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('paymentAttempts')
    .set({
      state: 'authorized',
      providerStatus: values.providerStatus,
      providerPaymentId: values.providerPaymentId,
      providerResponse: json(values.response),
      issue: values.issue,
      issueDetail: values.issueDetail,
      nextCheckAt: values.nextCheckAt?.toISOString() ?? null,
      settledAt: values.now.toISOString(),
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('state', 'not in', ['authorized', 'refunded'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What the provider said, kept without changing the state (still pending, or a refund's answer). */
export async function noteProviderAnswer(
  trx: Tx | Db,
  id: number,
  values: { providerStatus: string | null; response: unknown; now: Date },
): Promise<void> {
  await trx
    .updateTable('paymentAttempts')
    .set({
      providerStatus: values.providerStatus,
      providerResponse: json(values.response),
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function markReturned(db: Db | Tx, id: number, now: Date): Promise<void> {
  await db
    .updateTable('paymentAttempts')
    .set({ returnedAt: now.toISOString(), updatedAt: now.toISOString() })
    .where('id', '=', id)
    .where('returnedAt', 'is', null)
    .execute();
}

/**
 * The lease of the sweeper and of the automatic refund: whoever moves next_check_at forward asks
 * the provider; a second process finds it in the future and leaves the attempt alone.
 */
export async function leaseAttempt(db: Db | Tx, id: number, now: Date, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('paymentAttempts')
    .set({
      nextCheckAt: until.toISOString(),
      checkCount: sql<number>`check_count + 1`,
      updatedAt: now.toISOString(),
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('nextCheckAt', 'is', null), eb('nextCheckAt', '<=', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function scheduleCheck(db: Db | Tx, id: number, at: Date): Promise<void> {
  await db
    .updateTable('paymentAttempts')
    .set({ nextCheckAt: at.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** An unapplied payment went back whole: refunded, its reason (issue_detail) kept for staff. */
export async function markAutoRefunded(
  trx: Tx,
  id: number,
  values: { response: unknown; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('paymentAttempts')
    .set({
      state: 'refunded',
      refundedClp: sql<number>`amount_clp`,
      issue: 'auto_refunded',
      providerResponse: json(values.response),
      nextCheckAt: null,
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('issue', '=', 'refund_pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Reserves a staff refund on the attempt before the provider is asked: conditional on what was
 * read, so two refunds racing cannot both pass the limit, and on the form's key, so the same form
 * sent twice refunds once.
 */
export async function reserveRefund(
  trx: Tx,
  id: number,
  values: { readRefundedClp: number; amountClp: number; key: string; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('paymentAttempts')
    .set({
      refundedClp: values.readRefundedClp + values.amountClp,
      lastRefundKey: values.key,
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('state', '=', 'authorized')
    .where('refundedClp', '=', values.readRefundedClp)
    .where(sql<boolean>`amount_clp >= ${values.readRefundedClp + values.amountClp}`)
    .where((eb) => eb.or([eb('lastRefundKey', 'is', null), eb('lastRefundKey', '<>', values.key)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The provider refused a reserved refund: the reservation goes, and the form may be sent again. */
export async function releaseRefund(
  trx: Tx,
  id: number,
  values: { amountClp: number; key: string; now: Date },
) {
  await trx
    .updateTable('paymentAttempts')
    .set({
      refundedClp: sql<number>`refunded_clp - ${values.amountClp}`,
      lastRefundKey: null,
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .where('lastRefundKey', '=', values.key)
    .execute();
}

/** A staff refund went through; the whole amount back makes the attempt refunded. */
export async function markRefundDone(trx: Tx, id: number, values: { response: unknown; now: Date }) {
  await trx
    .updateTable('paymentAttempts')
    .set({
      state: sql<AttemptState>`case when refunded_clp = amount_clp then 'refunded' else state end`,
      providerResponse: json(values.response),
      updatedAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function markIssue(
  trx: Tx,
  id: number,
  values: { issue: AttemptIssue; detail: string; now: Date },
): Promise<void> {
  await trx
    .updateTable('paymentAttempts')
    .set({ issue: values.issue, issueDetail: values.detail, updatedAt: values.now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function recordReconciliation(
  db: Db | Tx,
  id: number,
  values: { result: ReconciliationResult; detail: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('paymentAttempts')
    .set({
      reconciliation: values.result,
      reconciliationDetail: values.detail,
      reconciledAt: values.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * The sweeper's work: attempts still waiting for the provider's word (after a grace period, so a
 * customer on their way back is not raced), and unapplied payments whose refund is due, whose
 * lease has lapsed. Oldest first.
 */
export async function listAttemptsToSweep(db: Db, now: Date, graceBefore: Date, limit: number) {
  const rows = await db
    .selectFrom('paymentAttempts')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', PENDING_ATTEMPT_STATES), eb('createdAt', '<=', graceBefore.toISOString())]),
        eb('issue', '=', 'refund_pending'),
      ]),
    )
    .where((eb) => eb.or([eb('nextCheckAt', 'is', null), eb('nextCheckAt', '<=', now.toISOString())]))
    .orderBy('createdAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Attempts of the last days not reconciled in the last day: the daily reconciliation's work. */
export async function listAttemptsToReconcile(db: Db, since: Date, staleBefore: Date, limit: number) {
  const rows = await db
    .selectFrom('paymentAttempts')
    .select('id')
    .where('createdAt', '>=', since.toISOString())
    .where((eb) =>
      eb.or([eb('reconciledAt', 'is', null), eb('reconciledAt', '<=', staleBefore.toISOString())]),
    )
    .orderBy('createdAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The ledger rows an attempt wrote: its payment (at most one) and the refunds through it. */
export async function listAttemptLedger(db: Db | Tx, attemptId: number) {
  return db
    .selectFrom('payments')
    .leftJoin('users', 'users.id', 'payments.recordedByUserId')
    .select([
      'payments.id',
      'payments.kind',
      'payments.amountClp',
      'payments.reference',
      'payments.paidAt',
      'users.name as recordedBy',
    ])
    .where('payments.attemptId', '=', attemptId)
    .orderBy('payments.id')
    .execute();
}

/** Who pays and for what (an enrollment's workshop, or an order), for checkouts, pages and e-mails. */
export async function findAttemptOrder(
  db: Db | Tx,
  attempt: { enrollmentId: number | null; saleId: number | null },
): Promise<AttemptOrder | undefined> {
  if (attempt.enrollmentId !== null)
    return db
      .selectFrom('enrollments')
      .innerJoin('customers', 'customers.id', 'enrollments.customerId')
      .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
      .select([
        'customers.id as customerId',
        'customers.fullName as customerName',
        'customers.email as customerEmail',
        'customers.userId as customerUserId',
        'workshops.id as workshopId',
        'workshops.name as workshopName',
      ])
      .where('enrollments.id', '=', attempt.enrollmentId)
      .executeTakeFirst();
  return db
    .selectFrom('sales')
    .innerJoin('customers', 'customers.id', 'sales.customerId')
    .select([
      'customers.id as customerId',
      'customers.fullName as customerName',
      'customers.email as customerEmail',
      'customers.userId as customerUserId',
      sql<number | null>`null`.as('workshopId'),
      sql<string | null>`null`.as('workshopName'),
    ])
    .where('sales.id', '=', attempt.saleId ?? 0)
    .executeTakeFirst();
}
export type AttemptOrder = {
  customerId: number;
  customerName: string;
  customerEmail: string;
  customerUserId: number | null;
  workshopId: number | null;
  workshopName: string | null;
};

export async function listProviderSettings(db: Db | Tx) {
  return db.selectFrom('paymentProviderSettings').selectAll().orderBy('provider').execute();
}

export async function updateProviderSetting(
  trx: Tx,
  values: { provider: PaymentProvider; isEnabled: boolean; userId: number | null; now: Date },
): Promise<void> {
  await trx
    .insertInto('paymentProviderSettings')
    .values({
      provider: values.provider,
      isEnabled: values.isEnabled,
      updatedByUserId: values.userId,
      updatedAt: values.now.toISOString(),
    })
    .onConflict((oc) =>
      oc.column('provider').doUpdateSet({
        isEnabled: values.isEnabled,
        updatedByUserId: values.userId,
        updatedAt: values.now.toISOString(),
      }),
    )
    .execute();
}

/** The enrollments an attempt pays together and each one's share (none for an attempt of one order). */
export async function listAttemptShares(db: Db | Tx, attemptId: number) {
  return db
    .selectFrom('paymentAttemptEnrollments')
    .select(['enrollmentId', 'amountClp'])
    .where('attemptId', '=', attemptId)
    .orderBy('enrollmentId')
    .execute();
}
export type AttemptShare = Awaited<ReturnType<typeof listAttemptShares>>[number];

export async function insertAttemptShares(trx: Tx, attemptId: number, shares: readonly AttemptShare[]) {
  await trx
    .insertInto('paymentAttemptEnrollments')
    .values(shares.map((s) => ({ attemptId, enrollmentId: s.enrollmentId, amountClp: s.amountClp })))
    .execute();
}

/** Marks an attempt as paying several things, in the customer's and the provider's words. */
export async function setAttemptDescription(trx: Tx, attemptId: number, description: string) {
  await trx.updateTable('paymentAttempts').set({ description }).where('id', '=', attemptId).execute();
}
