import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AttemptPurpose, AttemptState, OnlineProvider, ReconciliationResult } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';
import { NotFoundError } from '../../lib/errors';
import type { Actor } from '../context';
import { findAttempt, findAttemptOrder, listAttemptLedger } from './online-payments.queries';

export const ATTEMPT_SORTS = ['fecha', 'cliente', 'monto', 'estado'] as const;
export type AttemptSort = (typeof ATTEMPT_SORTS)[number];

export type AttemptFilters = {
  q: string;
  provider: OnlineProvider | null;
  state: AttemptState | null;
  purpose: AttemptPurpose | null;
  /** Only attempts that need (or needed) a person. */
  issues: boolean;
  reconciliation: ReconciliationResult | null;
  from: string | null;
  to: string | null;
};

/** Every attempt with what it paid for (an enrollment and its workshop, or an order) and its customer. */
function filteredAttempts(db: Db, f: AttemptFilters) {
  let query = db
    .selectFrom('paymentAttempts as a')
    .leftJoin('enrollments as e', 'e.id', 'a.enrollmentId')
    .leftJoin('workshops as w', 'w.id', 'e.workshopId')
    .leftJoin('sales as s', 's.id', 'a.saleId')
    .innerJoin('customers as c', (join) =>
      join.on(sql<boolean>`c.id = coalesce(e.customer_id, s.customer_id)`),
    );
  const number = searchedNumber(f.q);
  if (number !== null)
    query = query.where((eb) =>
      eb.or([eb('a.id', '=', number), eb('a.saleId', '=', number), eb('a.enrollmentId', '=', number)]),
    );
  else
    for (const cond of wordsMatch(f.q, { searchText: ['c.searchText'], folded: ['w.name', 'a.buyOrder'] }))
      query = query.where(cond);
  if (f.provider) query = query.where('a.provider', '=', f.provider);
  if (f.state) query = query.where('a.state', '=', f.state);
  if (f.purpose) query = query.where('a.purpose', '=', f.purpose);
  if (f.issues) query = query.where('a.issue', 'is not', null);
  if (f.reconciliation) query = query.where('a.reconciliation', '=', f.reconciliation);
  if (f.from) query = query.where('a.createdAt', '>=', f.from);
  if (f.to) query = query.where('a.createdAt', '<', f.to);
  return query;
}

/** How many match, what they took and gave back, and how many still wait for their provider. */
export async function attemptTotals(db: Db, f: AttemptFilters) {
  const row = await filteredAttempts(db, f)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when a.state in ('authorized', 'refunded') and a.issue is null then a.amount_clp else 0 end), 0)`.as(
        'approved',
      ),
      sql<number>`coalesce(sum(a.refunded_clp), 0)`.as('refunded'),
      sql<number>`coalesce(sum(case when a.state in ('created', 'redirected') then 1 else 0 end), 0)`.as(
        'pending',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(row.count),
    approvedClp: Number(row.approved),
    refundedClp: Number(row.refunded),
    pending: Number(row.pending),
  };
}

const SORT_SQL = {
  fecha: sql`a.created_at`,
  cliente: sql`lower(c.full_name)`,
  monto: sql`a.amount_clp`,
  estado: sql`a.state`,
} as const;

export async function listAttempts(
  db: Db,
  f: AttemptFilters,
  order: { sort: AttemptSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredAttempts(db, f)
    .select([
      'a.id',
      'a.createdAt',
      'a.provider',
      'a.purpose',
      'a.enrollmentId',
      'a.saleId',
      'a.amountClp',
      'a.refundedClp',
      'a.buyOrder',
      'a.state',
      'a.issue',
      'a.providerStatus',
      'a.reconciliation',
      'a.reconciliationDetail',
      'c.id as customerId',
      'c.fullName as customerName',
      'w.id as workshopId',
      'w.name as workshopName',
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('a.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type AttemptListRow = Awaited<ReturnType<typeof listAttempts>>[number];

/** The reconciliation of the last `days` days at a glance: how many match, differ, or wait. */
export async function reconciliationSummary(db: Db, since: Date) {
  const row = await db
    .selectFrom('paymentAttempts')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`coalesce(sum(case when reconciliation = 'matched' then 1 else 0 end), 0)`.as('matched'),
      sql<number>`coalesce(sum(case when reconciliation = 'mismatch' then 1 else 0 end), 0)`.as('mismatched'),
      sql<string | null>`max(reconciled_at)`.as('lastRun'),
    ])
    .where('createdAt', '>=', since.toISOString())
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  const matched = Number(row.matched);
  const mismatched = Number(row.mismatched);
  return { total, matched, mismatched, notYet: total - matched - mismatched, lastRun: row.lastRun };
}

/** What a receipt shows of the provider's answer: authorization, card, kind of payment, date. */
export type AttemptReceipt = {
  authorizationCode: string | null;
  cardLast4: string | null;
  /** The provider's code for the kind of payment (Webpay's VD, VN…; Mercado Pago's credit_card…). */
  paymentType: string | null;
  installments: number | null;
  transactionDate: string | null;
  operationId: string | null;
};

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown) => (typeof value === 'number' ? value : null);

/** Reads the receipt's facts from the provider's stored answer, whichever provider wrote it. */
export function attemptReceipt(attempt: {
  provider: OnlineProvider;
  providerResponse: string | null;
}): AttemptReceipt {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = attempt.providerResponse ? JSON.parse(attempt.providerResponse) : {};
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  if (attempt.provider === 'webpay') {
    const card = (raw.card_detail ?? {}) as Record<string, unknown>;
    return {
      authorizationCode: str(raw.authorization_code),
      cardLast4: str(card.card_number),
      paymentType: str(raw.payment_type_code),
      installments: num(raw.installments_number),
      transactionDate: str(raw.transaction_date),
      operationId: null,
    };
  }
  const card = (raw.card ?? {}) as Record<string, unknown>;
  return {
    authorizationCode: null,
    cardLast4: str(card.last_four_digits),
    paymentType: str(raw.payment_type_id),
    installments: num(raw.installments),
    transactionDate: str(raw.date_approved) ?? str(raw.date_created),
    operationId: raw.id === undefined ? null : String(raw.id),
  };
}

/** What the customer is told about an attempt, one case per thing they can do about it. */
export type AttemptOutcome =
  | 'approved'
  | 'pending'
  | 'rejected'
  | 'aborted'
  | 'expired'
  /** Approved by the provider but refused here (it did not match): staff look into it. */
  | 'reviewing'
  /** Approved but the order could not take it: it is going back. */
  | 'refunding'
  | 'refunded';

export function attemptOutcome(attempt: { state: AttemptState; issue: string | null }): AttemptOutcome {
  if (attempt.issue === 'mismatch') return 'reviewing';
  if (attempt.issue === 'refund_pending') return 'refunding';
  switch (attempt.state) {
    case 'created':
    case 'redirected':
      return 'pending';
    case 'authorized':
      return 'approved';
    default:
      return attempt.state;
  }
}

/** An attempt with its order, receipt and ledger rows: the staff detail page. Throws NotFoundError. */
export async function findAttemptDetail(db: Db, id: number) {
  const attempt = await findAttempt(db, id);
  if (!attempt) throw new NotFoundError('No encontramos ese pago en línea.');
  const [order, ledger] = await Promise.all([findAttemptOrder(db, attempt), listAttemptLedger(db, id)]);
  return { attempt, order: order!, ledger, receipt: attemptReceipt(attempt) };
}

/**
 * An attempt for the customer's result page: its own customer and staff see it, anyone else gets a
 * 404 (as for the order it pays). Throws NotFoundError.
 */
export async function findAttemptForCustomer(db: Db, id: number, actor: Actor | null) {
  const attempt = await findAttempt(db, id);
  const order = attempt ? await findAttemptOrder(db, attempt) : undefined;
  const staff = actor?.role === 'staff' || actor?.role === 'admin';
  if (!attempt || !order || !actor || (!staff && order.customerUserId !== actor.userId))
    throw new NotFoundError('No encontramos ese pago.');
  return { attempt, order, receipt: attemptReceipt(attempt), outcome: attemptOutcome(attempt) };
}
