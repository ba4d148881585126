import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { EmailLogTable, EmailOutboxTable, OutboxStatus } from '../../db/schema';
import { owedSql, owesSql } from '../balance';

/** SQL of the e-mail feature: the outbox the worker drains, its log, and the reminder candidates. */

type Executor = Db | Tx;

/** `encoding: 'base64'` for a binary file (a PDF) kept as text in the outbox. */
export type EmailAttachment = { filename: string; contentType: string; content: string; encoding?: 'base64' };

export const OUTBOX_COLUMNS = [
  'id',
  'toAddress',
  'subject',
  'bodyText',
  'bodyHtml',
  'template',
  'kind',
  'attachments',
  'enrollmentId',
  'saleId',
  'customerId',
  'status',
  'attempts',
  'nextAttemptAt',
  'lockedUntil',
  'lockedBy',
  'dedupeKey',
  'createdAt',
  'sentAt',
] as const;

/** What the worker reads when it claims a row to send: everything, including the private link. */
const CLAIM_COLUMNS = [...OUTBOX_COLUMNS, 'privateLink'] as const;
export type ClaimedOutboxRow = OutboxRow & { privateLink: string | null };

export type OutboxRow = {
  id: number;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  template: string;
  kind: 'transactional' | 'marketing';
  attachments: string | null;
  enrollmentId: number | null;
  saleId: number | null;
  customerId: number | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lockedBy: string | null;
  dedupeKey: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** Inserts outbox rows in chunks; rows whose dedupe key was already used are skipped. */
export async function insertOutboxRows(
  trx: Executor,
  rows: Insertable<EmailOutboxTable>[],
): Promise<number[]> {
  const ids: number[] = [];
  // Chunks keep each statement far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await trx
      .insertInto('emailOutbox')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/**
 * Rows the worker may take now: pending and due, or stuck in SENDING by a worker whose lock
 * expired (it crashed or was killed mid-send). Oldest first.
 */
export function dueOutboxCondition(nowIso: string) {
  return sql<boolean>`((status = 'PENDING' and next_attempt_at <= ${nowIso}) or (status = 'SENDING' and locked_until < ${nowIso}))`;
}

export async function listDueOutboxIds(db: Db, nowIso: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('emailOutbox')
    .select('id')
    .where(dueOutboxCondition(nowIso))
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes one row for this worker with a single conditional UPDATE: of two workers racing for the
 * same row, PostgreSQL makes the second re-check the WHERE after the first commits (it then
 * matches nothing), SQLite serialises them. Returns the row, or undefined when someone else won.
 */
export async function claimOutboxRow(
  db: Db,
  id: number,
  claim: { nowIso: string; lockedUntil: string; workerId: string },
): Promise<ClaimedOutboxRow | undefined> {
  return (await db
    .updateTable('emailOutbox')
    .set({
      status: 'SENDING',
      lockedUntil: claim.lockedUntil,
      lockedBy: claim.workerId,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', id)
    .where(dueOutboxCondition(claim.nowIso))
    .returning([...CLAIM_COLUMNS])
    .executeTakeFirst()) as ClaimedOutboxRow | undefined;
}

/** Read-then-write claim, for the race test's control run only (it can send twice). */
export async function claimOutboxRowUnsafely(
  db: Db,
  id: number,
  claim: { nowIso: string; lockedUntil: string; workerId: string },
): Promise<ClaimedOutboxRow | undefined> {
  const row = (await db
    .selectFrom('emailOutbox')
    .select([...CLAIM_COLUMNS])
    .where('id', '=', id)
    .where(dueOutboxCondition(claim.nowIso))
    .executeTakeFirst()) as ClaimedOutboxRow | undefined;
  if (!row) return undefined;
  await db
    .updateTable('emailOutbox')
    .set({
      status: 'SENDING',
      lockedUntil: claim.lockedUntil,
      lockedBy: claim.workerId,
      attempts: row.attempts + 1,
    })
    .where('id', '=', id)
    .execute();
  return { ...row, attempts: row.attempts + 1 };
}

/** Ends this worker's claim: SENT, retry later (PENDING), or FAILED for good. */
export async function finishOutboxRow(
  trx: Tx,
  id: number,
  workerId: string,
  result:
    | { status: 'SENT'; sentAt: string }
    | { status: 'PENDING'; nextAttemptAt: string }
    | { status: 'FAILED' },
): Promise<void> {
  await trx
    .updateTable('emailOutbox')
    .set({
      status: result.status,
      lockedUntil: null,
      lockedBy: null,
      ...(result.status === 'SENT' ? { sentAt: result.sentAt } : {}),
      ...(result.status === 'PENDING' ? { nextAttemptAt: result.nextAttemptAt } : {}),
      // Sent or given up: the single-use link is no longer needed by anyone here.
      ...(result.status === 'PENDING' ? {} : { privateLink: null }),
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

export async function insertEmailLog(trx: Executor, row: Insertable<EmailLogTable>): Promise<void> {
  await trx.insertInto('emailLog').values(row).execute();
}

// ---- Staff e-mail log -------------------------------------------------------------------------

/** What staff filter by: what they see, not the worker's internal states. */
export const LOG_FILTERS = ['pendiente', 'enviado', 'fallido', 'reintentando'] as const;
export type LogFilter = (typeof LOG_FILTERS)[number];

export type OutboxListFilters = { status: LogFilter | null; q: string | null };

function filtered(db: Db, filters: OutboxListFilters) {
  let query = db.selectFrom('emailOutbox');
  if (filters.status === 'pendiente') query = query.where('status', 'in', ['PENDING', 'SENDING']);
  if (filters.status === 'enviado') query = query.where('status', '=', 'SENT');
  if (filters.status === 'fallido') query = query.where('status', '=', 'FAILED');
  if (filters.status === 'reintentando')
    query = query.where('status', '=', 'PENDING').where('attempts', '>', 0);
  if (filters.q) {
    const pattern = `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(to_address) like ${pattern} escape '\\'`);
  }
  return query;
}

export async function countOutbox(db: Db, filters: OutboxListFilters): Promise<number> {
  const row = await filtered(db, filters).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listOutbox(db: Db, filters: OutboxListFilters, limit: number, offset: number) {
  return filtered(db, filters)
    .select([
      'id',
      'toAddress',
      'subject',
      'status',
      'attempts',
      'kind',
      'template',
      'createdAt',
      'sentAt',
      'nextAttemptAt',
    ])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The latest failure message of each listed e-mail, in one query. */
export async function lastErrors(db: Db, outboxIds: number[]): Promise<Map<number, string>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('emailLog')
    .select(['outboxId', 'errorMessage'])
    .where('outboxId', 'in', outboxIds)
    .where('status', '=', 'FAIL')
    .orderBy('id', 'desc')
    .execute();
  const map = new Map<number, string>();
  for (const r of rows)
    if (r.outboxId !== null && !map.has(r.outboxId)) map.set(r.outboxId, r.errorMessage ?? '');
  return map;
}

export async function findOutboxById(db: Executor, id: number): Promise<OutboxRow | undefined> {
  return (await db
    .selectFrom('emailOutbox')
    .select([...OUTBOX_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst()) as OutboxRow | undefined;
}

export async function listAttempts(db: Db, outboxId: number) {
  return db
    .selectFrom('emailLog')
    .select(['id', 'status', 'errorMessage', 'createdAt'])
    .where('outboxId', '=', outboxId)
    .orderBy('id', 'desc')
    .execute();
}

// ---- Reminders ----------------------------------------------------------------------------------

const ACTIVE = ['PENDIENTE', 'PAGADO', 'ABONADO'] as const;

export type ReminderCandidate = {
  enrollmentId: number;
  customerId: number;
  email: string;
  fullName: string;
  workshopName: string;
  startsAt: string;
  modality: 'PRESENCIAL' | 'ONLINE';
  location: string | null;
  onlineUrl: string | null;
  owedClp: number;
};

/**
 * Enrollments whose workshop starts in (from, until] and that have no outbox row with this
 * dedupe prefix yet, in one query. The unique dedupe key remains the guarantee; this filter
 * only keeps the job from re-rendering e-mails that already went out.
 */
export async function listReminderCandidates(
  db: Db,
  options: { fromIso: string; untilIso: string; dedupePrefix: string; unpaidOnly: boolean },
): Promise<ReminderCandidate[]> {
  let query = db
    .selectFrom('enrollments as e')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .innerJoin('customers as c', 'c.id', 'e.customerId')
    .select([
      'e.id as enrollmentId',
      'e.customerId',
      'c.email',
      'c.fullName',
      'w.name as workshopName',
      'w.startsAt',
      'w.modality',
      'w.location',
      'w.onlineUrl',
      owedSql('e').as('owedClp'),
    ])
    .where('w.startsAt', '>', options.fromIso)
    .where('w.startsAt', '<=', options.untilIso)
    .where('w.cancelledAt', 'is', null)
    .where('w.isActive', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('emailOutbox as o')
            .select(sql`1`.as('one'))
            .whereRef('o.dedupeKey', '=', sql<string>`${options.dedupePrefix} || cast(e.id as varchar(20))`),
        ),
      ),
    );
  query = options.unpaidOnly ? query.where(owesSql('e')) : query.where('e.status', 'in', [...ACTIVE]);
  return query.orderBy('e.id').execute();
}

/** The e-mail history of one customer moves to another (a duplicate merged). Returns the log rows moved. */
export async function reassignEmails(trx: Tx, fromId: number, toId: number): Promise<number> {
  const log = await trx
    .updateTable('emailLog')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .executeTakeFirst();
  await trx.updateTable('emailOutbox').set({ customerId: toId }).where('customerId', '=', fromId).execute();
  return Number(log.numUpdatedRows);
}
