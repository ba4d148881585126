import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { JobLog } from '../../jobs/scheduler';
import { findMarketingState, mayReceiveMarketing } from '../customers';
import { OPTED_OUT_MESSAGE } from './email.errors';
import type { EmailAttachment } from './email.queries';
import {
  type ClaimedOutboxRow,
  claimOutboxRow,
  claimOutboxRowUnsafely,
  finishOutboxRow,
  insertEmailLog,
  listDueOutboxIds,
  type OutboxRow,
} from './email.queries';
import { PRIVATE_LINK_PLACEHOLDER } from './private-link';
import type { MailTransport, OutgoingEmail } from './transport';
import { unsubscribePath } from './unsubscribe';

/**
 * The outbox worker: takes due e-mails one by one with a conditional UPDATE (a claim), sends each,
 * and records the attempt in the e-mail log in the same transaction that marks the row SENT, to
 * retry, or FAILED.
 *
 * Delivery is at-least-once, by design: a worker killed after the server accepted a message but
 * before marking it SENT leaves a SENDING row whose lock expires, and that message is sent again.
 * The lock (LOCK_MS) is much longer than the SMTP timeouts, so a live worker is never overtaken;
 * and the resend carries the same Message-ID, which mail programs use to hide the duplicate. The
 * rejected alternative, marking SENT before sending, loses the e-mail instead when the send fails.
 */

export const MAX_ATTEMPTS = 8;
export const LOCK_MS = 10 * 60_000;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, 16, 32, 60. */
export const retryDelayMinutes = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 60);

/** Test-only switch for the race test's control run: claim with read-then-write. */
export const outboxControl = { unsafeClaim: false };

export type OutboxDeps = {
  database: Database;
  config: Pick<Config, 'mailFrom' | 'publicUrl' | 'sessionSecret'>;
  now: () => Date;
  log: JobLog;
};

export type OutboxRunSummary = { sent: number; retrying: number; failed: number; skipped: number };

export const newWorkerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

type SmtpError = Error & { code?: string; responseCode?: number; command?: string; response?: string };

/** The server refused this recipient for good (550 user unknown …): retrying cannot help. */
const isPermanent = (error: SmtpError) =>
  typeof error.responseCode === 'number' &&
  error.responseCode >= 500 &&
  (error.command === 'RCPT TO' || error.command === 'DATA');

/** No server answered at all: the rest of this batch would fail the same way, slowly. */
const isConnectionFailure = (error: SmtpError) =>
  error.responseCode === undefined &&
  ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'EHOSTUNREACH'].includes(error.code ?? '');

const errorText = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  const e = error as SmtpError;
  return [e.message, e.code && !e.message.includes(e.code) ? `(${e.code})` : '']
    .filter(Boolean)
    .join(' ')
    .slice(0, 2000);
};

function outgoing(row: ClaimedOutboxRow, config: OutboxDeps['config']): OutgoingEmail {
  const host = new URL(config.publicUrl).hostname || 'tmm.local';
  const headers: Record<string, string> = {};
  if (row.kind === 'marketing' && row.customerId !== null) {
    // RFC 8058: mail providers show an "unsubscribe" button that POSTs to this address.
    const link = `${config.publicUrl}${unsubscribePath(row.customerId, config.sessionSecret)}`;
    headers['List-Unsubscribe'] = `<${link}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  let attachments: EmailAttachment[] = [];
  if (row.attachments) {
    const parsed: unknown = JSON.parse(row.attachments);
    if (Array.isArray(parsed)) attachments = parsed as EmailAttachment[];
  }
  // Only the copy that leaves for the recipient carries the single-use link; what is stored keeps
  // the placeholder.
  const link = row.privateLink;
  const reveal = (body: string) => (link ? body.replaceAll(PRIVATE_LINK_PLACEHOLDER, link) : body);
  return {
    from: config.mailFrom,
    to: row.toAddress,
    subject: row.subject,
    text: reveal(row.bodyText),
    html: row.bodyHtml === null ? null : reveal(row.bodyHtml),
    messageId: `<tmm-outbox-${row.id}@${host}>`,
    headers,
    attachments,
  };
}

const logFields = (row: OutboxRow) => ({
  outboxId: row.id,
  recipient: row.toAddress,
  subject: row.subject,
  bodyText: row.bodyText,
  bodyHtml: row.bodyHtml,
  enrollmentId: row.enrollmentId,
  saleId: row.saleId,
  customerId: row.customerId,
});

/**
 * Sends up to `batchSize` due e-mails. Safe to run in several processes at once: each row is
 * claimed by exactly one worker. Never throws for a failed send; the failure is logged and the
 * row rescheduled.
 */
export async function sendDueEmails(
  deps: OutboxDeps,
  transport: MailTransport,
  options: { workerId: string; batchSize?: number },
): Promise<OutboxRunSummary> {
  const { database } = deps;
  const summary: OutboxRunSummary = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const ids = await listDueOutboxIds(database.db, deps.now().toISOString(), options.batchSize ?? 25);
  for (const id of ids) {
    const now = deps.now();
    const claim = {
      nowIso: now.toISOString(),
      lockedUntil: new Date(now.getTime() + LOCK_MS).toISOString(),
      workerId: options.workerId,
    };
    const row = outboxControl.unsafeClaim
      ? await claimOutboxRowUnsafely(database.db, id, claim)
      : await claimOutboxRow(database.db, id, claim);
    if (!row) continue;

    const marketing =
      row.kind === 'marketing' && row.customerId !== null
        ? await findMarketingState(database.db, row.customerId)
        : undefined;
    if (marketing && !mayReceiveMarketing(marketing)) {
      await inTransaction(database, async (trx) => {
        await finishOutboxRow(trx, row.id, options.workerId, { status: 'FAILED' });
        await insertEmailLog(trx, {
          ...logFields(row),
          status: 'FAIL',
          errorMessage: OPTED_OUT_MESSAGE,
          createdAt: now.toISOString(),
        });
      });
      summary.skipped++;
      continue;
    }

    try {
      const result = await transport.send(outgoing(row, deps.config));
      const sentAt = deps.now().toISOString();
      await inTransaction(database, async (trx) => {
        await finishOutboxRow(trx, row.id, options.workerId, { status: 'SENT', sentAt });
        await insertEmailLog(trx, {
          ...logFields(row),
          status: 'SUCCESS',
          errorMessage: null,
          createdAt: sentAt,
        });
      });
      summary.sent++;
      deps.log.info(
        {
          outboxId: row.id,
          to: row.toAddress,
          subject: row.subject,
          ...(result.savedTo ? { file: result.savedTo } : {}),
        },
        result.savedTo ? 'e-mail written to file (no SMTP_URL)' : 'e-mail sent',
      );
    } catch (error) {
      const failedAt = deps.now();
      const smtpError = error as SmtpError;
      const final = row.attempts >= MAX_ATTEMPTS || isPermanent(smtpError);
      const nextAttemptAt = new Date(
        failedAt.getTime() + retryDelayMinutes(row.attempts) * 60_000,
      ).toISOString();
      await inTransaction(database, async (trx) => {
        await finishOutboxRow(
          trx,
          row.id,
          options.workerId,
          final ? { status: 'FAILED' } : { status: 'PENDING', nextAttemptAt },
        );
        await insertEmailLog(trx, {
          ...logFields(row),
          status: 'FAIL',
          errorMessage: errorText(error),
          createdAt: failedAt.toISOString(),
        });
      });
      if (final) summary.failed++;
      else summary.retrying++;
      deps.log.error(
        { outboxId: row.id, to: row.toAddress, attempt: row.attempts, err: errorText(error), final },
        final ? 'e-mail failed for good' : 'e-mail failed, will retry',
      );
      if (isConnectionFailure(smtpError)) break;
    }
  }
  return summary;
}
