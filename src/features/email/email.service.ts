import type { Tx } from '../../db/database';
import type { EmailKind } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { renderTemplate } from './templates/render';
import type { TemplateData, TemplateName } from './templates/types';

export type EmailAttachment = { filename: string; contentType: string; content: string };

export type QueueEmailInput<T extends TemplateName> = {
  template: T;
  to: string;
  data: TemplateData[T];
  kind?: EmailKind;
  customerId?: number | null;
  enrollmentId?: number | null;
  saleId?: number | null;
  attachments?: EmailAttachment[];
  /** When set, a second queueing with the same key is ignored (reminders go out once). */
  dedupeKey?: string;
};

/**
 * Writes an e-mail to the outbox inside the caller's transaction: it goes out only if the change
 * that caused it commits, and is sent after commit by the worker (never inside the request).
 * Returns the outbox id, or null when the dedupe key was already used.
 */
export async function queueEmail<T extends TemplateName>(
  trx: Tx,
  input: QueueEmailInput<T>,
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): Promise<number | null> {
  const rendered = renderTemplate(input.template, input.data, ctx.publicUrl);
  const row = await trx
    .insertInto('emailOutbox')
    .values({
      toAddress: input.to,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      template: input.template,
      kind: input.kind ?? 'transactional',
      attachments: input.attachments?.length ? JSON.stringify(input.attachments) : null,
      customerId: input.customerId ?? null,
      enrollmentId: input.enrollmentId ?? null,
      saleId: input.saleId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      nextAttemptAt: ctx.now.toISOString(),
      createdAt: ctx.now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
