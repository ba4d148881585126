import type { Database, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { ServiceContext } from '../context';
import type { Audience, AudienceRecipient } from './compose.queries';
import { queueStaffMessages, type StaffMessageResult } from './staff-messages.service';

type Ctx = Pick<ServiceContext, 'now' | 'publicUrl'> & { sessionSecret: string };

export type ComposedMessage = { subject: string; body: string; senderName: string | null };

/** Attendees get a transactional message about their enrollment; lists and segments are marketing. */
const kindFor = (audience: Audience) => (audience.workshopId !== null ? 'transactional' : 'marketing');

/**
 * Queues a staff message to every recipient through queueStaffMessages (placeholders replaced per
 * person, opted-out customers skipped and recorded for marketing). Throws PlaceholderUnavailableError
 * when a placeholder cannot be filled for this audience, RecipientNotFoundError.
 */
export function sendComposedMessage(
  trx: Tx,
  input: { message: ComposedMessage; audience: Audience; recipients: AudienceRecipient[] },
  ctx: Ctx,
): Promise<StaffMessageResult> {
  return queueStaffMessages(
    trx,
    {
      subject: input.message.subject,
      body: input.message.body,
      kind: kindFor(input.audience),
      recipients: input.recipients.map((r) => ({ customerId: r.customerId, enrollmentId: r.enrollmentId })),
      workshopId: input.audience.workshopId,
      senderName: input.message.senderName,
    },
    ctx,
  );
}

class PreviewRollback extends Error {
  constructor(readonly row: { subject: string; bodyText: string; bodyHtml: string | null }) {
    super('preview rollback');
  }
}

/**
 * The e-mail exactly as one recipient would get it: the message is queued in a transaction that is
 * always rolled back, and the rendered outbox row read before the rollback. Rejected: a second
 * rendering path for previews, which drifted from the sent e-mail in the old system (placeholders
 * shown as replaced in the preview but not in the e-mail, defect 26). Nothing is stored. Throws
 * what sendComposedMessage throws.
 */
export async function previewComposedMessage(
  database: Database,
  input: { message: ComposedMessage; audience: Audience; recipient: AudienceRecipient },
  ctx: Ctx,
): Promise<{ subject: string; text: string; html: string | null }> {
  try {
    await inTransaction(database, async (trx) => {
      // Previewed as if subscribed: the person's opt-out is reported separately on the page.
      const result = await sendComposedMessage(
        trx,
        { message: input.message, audience: input.audience, recipients: [input.recipient] },
        ctx,
      );
      const outboxId = result.outboxIds[0];
      const row = outboxId
        ? await trx
            .selectFrom('emailOutbox')
            .select(['subject', 'bodyText', 'bodyHtml'])
            .where('id', '=', outboxId)
            .executeTakeFirstOrThrow()
        : await trx
            .selectFrom('emailOutbox')
            .select(['subject', 'bodyText', 'bodyHtml'])
            .where('customerId', '=', input.recipient.customerId)
            .where('status', '=', 'FAILED')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow();
      throw new PreviewRollback(row);
    });
  } catch (error) {
    if (error instanceof PreviewRollback)
      return { subject: error.row.subject, text: error.row.bodyText, html: error.row.bodyHtml };
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
