import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database';
import type { EmailKind, EmailOutboxTable } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { enrollmentEventUid, icsForWorkshop } from '../../lib/ics';
import type { ServiceContext } from '../context';
import { AccessLinkResendError } from './email.errors';
import { type EmailAttachment, findOutboxById, insertOutboxRows } from './email.queries';
import { PRIVATE_LINK_PLACEHOLDER, redactLink } from './private-link';
import { renderTemplate } from './templates/render';
import type { TemplateData, TemplateName } from './templates/types';

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
  /**
   * The path of a single-use link in this e-mail (password reset, e-mail confirmation). It is
   * stored apart and replaced by "[enlace privado]" in the subject and bodies staff can read.
   */
  privateLink?: string;
};

/** E-mails whose point is a single-use link: a resend must issue a new link, not copy the old one. */
export const ACCESS_LINK_TEMPLATES: readonly TemplateName[] = [
  'password_reset',
  'verify_email',
  'signup_confirmation',
];

/** The calendar file of an enrollment confirmation, attached unless the caller brings its own. */
export function workshopIcsAttachment(
  data: TemplateData['enrollment_confirmation'],
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): EmailAttachment {
  return {
    filename: 'taller-tmm.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: icsForWorkshop(
      {
        uid: enrollmentEventUid(data.enrollmentId, ctx.publicUrl),
        name: data.workshopName,
        startsAt: data.startsAt,
        durationMinutes: data.durationMinutes,
        modality: data.modality,
        location: data.location,
        onlineUrl: data.onlineUrl,
        description: data.description ?? null,
        url: data.workshopPath ? `${ctx.publicUrl}${data.workshopPath}` : null,
        ticketUrl: data.ticketPath ? `${ctx.publicUrl}${data.ticketPath}` : null,
      },
      ctx,
    ),
  };
}

/** The outbox row of an e-mail, rendered and with its single-use link kept apart. */
export function outboxRow<T extends TemplateName>(
  input: QueueEmailInput<T>,
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): Insertable<EmailOutboxTable> {
  const rendered = renderTemplate(input.template, input.data, ctx.publicUrl);
  const privateLink = input.privateLink ? `${ctx.publicUrl}${input.privateLink}` : null;
  const stored = (body: string) =>
    privateLink && input.privateLink ? redactLink(body, privateLink, input.privateLink) : body;
  const attachments =
    input.attachments ??
    (input.template === 'enrollment_confirmation'
      ? [workshopIcsAttachment(input.data as TemplateData['enrollment_confirmation'], ctx)]
      : []);
  return {
    toAddress: input.to,
    subject: stored(rendered.subject).slice(0, 255),
    bodyText: stored(rendered.text),
    bodyHtml: stored(rendered.html),
    privateLink,
    template: input.template,
    kind: input.kind ?? 'transactional',
    attachments: attachments.length ? JSON.stringify(attachments) : null,
    customerId: input.customerId ?? null,
    enrollmentId: input.enrollmentId ?? null,
    saleId: input.saleId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    nextAttemptAt: ctx.now.toISOString(),
    createdAt: ctx.now.toISOString(),
  };
}

/**
 * Writes an e-mail to the outbox inside the caller's transaction: it goes out only if the change
 * that caused it commits, and is sent after commit by the worker (never inside the request).
 * An enrollment confirmation gets its `.ics` calendar file attached automatically.
 * Returns the outbox id, or null when the dedupe key was already used.
 */
export async function queueEmail<T extends TemplateName>(
  trx: Tx,
  input: QueueEmailInput<T>,
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): Promise<number | null> {
  const [id] = await insertOutboxRows(trx, [outboxRow(input, ctx)]);
  return id ?? null;
}

/** Many e-mails in one batched insert (reminder jobs); rows with a used dedupe key are skipped. */
export async function queueEmails(
  trx: Tx,
  inputs: QueueEmailInput<TemplateName>[],
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): Promise<number[]> {
  if (inputs.length === 0) return [];
  return insertOutboxRows(
    trx,
    inputs.map((input) => outboxRow(input, ctx)),
  );
}

// ---- Staff actions on the log and unsubscribe ---------------------------------------------------

export const isAccessLinkEmail = (row: { template: string; bodyText: string }) =>
  (ACCESS_LINK_TEMPLATES as readonly string[]).includes(row.template) ||
  row.bodyText.includes(PRIVATE_LINK_PLACEHOLDER);

/**
 * Queues a fresh copy of an e-mail (same recipient, content and attachments) for staff's
 * "Reenviar". The copy has no dedupe key: resending is deliberate. An e-mail whose point was a
 * single-use link is not copied (the stored copy has no link): the account module issues a new
 * one instead (AccessLinkResendError). Throws NotFoundError, AccessLinkResendError.
 */
export async function resendEmail(
  trx: Tx,
  outboxId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<number> {
  const original = await findOutboxById(trx, outboxId);
  if (!original) throw new NotFoundError('Ese correo no existe en el registro.');
  if (isAccessLinkEmail(original)) throw new AccessLinkResendError();
  const [id] = await insertOutboxRows(trx, [
    {
      toAddress: original.toAddress,
      subject: original.subject,
      bodyText: original.bodyText,
      bodyHtml: original.bodyHtml,
      template: original.template,
      kind: original.kind,
      attachments: original.attachments,
      customerId: original.customerId,
      enrollmentId: original.enrollmentId,
      saleId: original.saleId,
      dedupeKey: null,
      nextAttemptAt: ctx.now.toISOString(),
      createdAt: ctx.now.toISOString(),
    },
  ]);
  return id!;
}
