import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database';
import type { EmailKind, EmailOutboxTable, EnrollmentStatus } from '../../db/schema';
import { formatDateTimeLong } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { formatClp } from '../../lib/money';
import type { ServiceContext } from '../context';
import { ENROLLMENT_STATUS_LABELS } from '../vocabulary';
import {
  AccessLinkResendError,
  OPTED_OUT_MESSAGE,
  PlaceholderUnavailableError,
  RecipientNotFoundError,
} from './email.errors';
import { type EmailAttachment, findOutboxById, insertEmailLog, insertOutboxRows } from './email.queries';
import { enrollmentEventUid, icsForWorkshop } from './ics';
import { PRIVATE_LINK_PLACEHOLDER, redactLink } from './private-link';
import { renderTemplate } from './templates/render';
import type { TemplateData, TemplateName } from './templates/types';
import { unsubscribePath } from './unsubscribe';

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
      },
      ctx,
    ),
  };
}

function outboxRow<T extends TemplateName>(
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

// ---- Staff-written messages ---------------------------------------------------------------------

/**
 * Placeholders staff may write in a subject or message. The old system's workshop presets used
 * "[Nombre]" while the server replaced "[Nombre del Cliente]", and several were never replaced;
 * here every one listed is replaced, or the send is refused with a message naming it.
 */
export const PLACEHOLDERS = {
  '[Nombre]': 'Nombre de la persona',
  '[Nombre del Cliente]': 'Nombre de la persona',
  '[Email]': 'Correo de la persona',
  '[Intereses]': 'Sus intereses',
  '[Link del Catálogo]': 'Enlace a los talleres',
  '[Taller]': 'Nombre del taller',
  '[Fecha del Taller]': 'Fecha y hora del taller',
  '[Estado]': 'Estado de su inscripción',
  '[Saldo]': 'Saldo pendiente de su inscripción',
  '[Link de Pago]': 'Enlace para pagar su inscripción',
  '[Link de Pago Simulado]': 'Enlace para pagar su inscripción',
} as const;

const NEEDS_WORKSHOP = ['[Taller]', '[Fecha del Taller]'];
const NEEDS_ENROLLMENT = ['[Estado]', '[Saldo]', '[Link de Pago]', '[Link de Pago Simulado]'];

/** Replaces every known placeholder present in `values`; unknown bracketed text stays as written. */
export function applyPlaceholders(text: string, values: Partial<Record<keyof typeof PLACEHOLDERS, string>>) {
  return text.replace(/\[[^\]\n]{1,40}\]/g, (token) =>
    token in values ? (values[token as keyof typeof PLACEHOLDERS] ?? token) : token,
  );
}

const usedPlaceholders = (text: string) =>
  Object.keys(PLACEHOLDERS).filter((p) => text.includes(p)) as (keyof typeof PLACEHOLDERS)[];

export type StaffMessageInput = {
  subject: string;
  body: string;
  /** marketing: news and offers (opt-out applies, unsubscribe link); transactional: about something they booked. */
  kind: EmailKind;
  recipients: { customerId: number; enrollmentId?: number | null }[];
  /** Fills [Taller] and [Fecha del Taller] for recipients without an enrollment. */
  workshopId?: number | null;
  senderName?: string | null;
};

export type StaffMessageResult = { queued: number; skippedOptedOut: number; outboxIds: number[] };

/**
 * Queues one personalised staff message per recipient, in batched queries. Marketing messages
 * are never sent to customers who opted out (recorded as FAILED with the reason) and carry
 * a one-click unsubscribe link. Throws PlaceholderUnavailableError when a placeholder cannot be
 * filled for every recipient, RecipientNotFoundError for an unknown customer or enrollment.
 */
export async function queueStaffMessages(
  trx: Tx,
  input: StaffMessageInput,
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'> & { sessionSecret: string },
): Promise<StaffMessageResult> {
  const result: StaffMessageResult = { queued: 0, skippedOptedOut: 0, outboxIds: [] };
  if (input.recipients.length === 0) return result;
  const used = usedPlaceholders(`${input.subject}\n${input.body}`);

  const customerIds = [...new Set(input.recipients.map((r) => r.customerId))];
  const customers = new Map(
    (
      await trx
        .selectFrom('customers')
        .select(['id', 'fullName', 'email', 'isMarketingOptOut'])
        .where('id', 'in', customerIds)
        .execute()
    ).map((c) => [c.id, c]),
  );
  if (customers.size !== customerIds.length) throw new RecipientNotFoundError();

  const enrollmentIds = input.recipients.flatMap((r) => (r.enrollmentId ? [r.enrollmentId] : []));
  const enrollments = new Map(
    enrollmentIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('enrollments as e')
            .innerJoin('workshops as w', 'w.id', 'e.workshopId')
            .select([
              'e.id',
              'e.customerId',
              'e.status',
              'e.amountDueClp',
              'e.amountPaidClp',
              'w.name as workshopName',
              'w.startsAt',
            ])
            .where('e.id', 'in', enrollmentIds)
            .execute()
        ).map((e) => [e.id, e]),
  );
  for (const r of input.recipients) {
    if (r.enrollmentId && enrollments.get(r.enrollmentId)?.customerId !== r.customerId)
      throw new RecipientNotFoundError();
  }

  const workshop = input.workshopId
    ? await trx
        .selectFrom('workshops')
        .select(['name', 'startsAt'])
        .where('id', '=', input.workshopId)
        .executeTakeFirst()
    : undefined;
  if (input.workshopId && !workshop) throw new NotFoundError('Ese taller ya no existe.');

  const missing = new Set<string>();
  for (const r of input.recipients) {
    const hasEnrollment = Boolean(r.enrollmentId);
    for (const p of used) {
      if (NEEDS_ENROLLMENT.includes(p) && !hasEnrollment) missing.add(p);
      if (NEEDS_WORKSHOP.includes(p) && !hasEnrollment && !workshop) missing.add(p);
    }
  }
  if (missing.size > 0) throw new PlaceholderUnavailableError([...missing]);

  const interests = new Map<number, string[]>();
  if (used.includes('[Intereses]')) {
    const rows = await trx
      .selectFrom('customerInterests as ci')
      .innerJoin('interests as i', 'i.id', 'ci.interestId')
      .select(['ci.customerId', 'i.name'])
      .where('ci.customerId', 'in', customerIds)
      .orderBy('i.name')
      .execute();
    for (const row of rows)
      interests.set(row.customerId, [...(interests.get(row.customerId) ?? []), row.name]);
  }

  const queued: QueueEmailInput<'staff_message'>[] = [];
  for (const r of input.recipients) {
    const customer = customers.get(r.customerId)!;
    const enrollment = r.enrollmentId ? enrollments.get(r.enrollmentId) : undefined;
    const values: Partial<Record<keyof typeof PLACEHOLDERS, string>> = {
      '[Nombre]': customer.fullName,
      '[Nombre del Cliente]': customer.fullName,
      '[Email]': customer.email,
      '[Intereses]': (interests.get(customer.id) ?? []).join(', ') || 'talleres de TMM',
      '[Link del Catálogo]': `${ctx.publicUrl}/talleres/`,
    };
    const w =
      enrollment ?? (workshop ? { workshopName: workshop.name, startsAt: workshop.startsAt } : undefined);
    if (w) {
      values['[Taller]'] = w.workshopName;
      values['[Fecha del Taller]'] = formatDateTimeLong(w.startsAt);
    }
    if (enrollment) {
      values['[Estado]'] = ENROLLMENT_STATUS_LABELS[enrollment.status];
      values['[Saldo]'] = formatClp(Math.max(0, enrollment.amountDueClp - enrollment.amountPaidClp));
      values['[Link de Pago]'] = `${ctx.publicUrl}/pago/${enrollment.id}/`;
      values['[Link de Pago Simulado]'] = values['[Link de Pago]'];
    }
    const subject = applyPlaceholders(input.subject, values);
    const body = applyPlaceholders(input.body, values);

    const message: QueueEmailInput<'staff_message'> = {
      template: 'staff_message',
      to: customer.email,
      kind: input.kind,
      customerId: customer.id,
      enrollmentId: enrollment?.id ?? null,
      data: {
        name: customer.fullName,
        subject,
        body,
        senderName: input.senderName ?? null,
        unsubscribePath: input.kind === 'marketing' ? unsubscribePath(customer.id, ctx.sessionSecret) : null,
      },
    };
    if (input.kind === 'marketing' && customer.isMarketingOptOut) {
      // Recorded as a FAILED outbox row (never sent) so staff see it in the e-mail log with the
      // reason, next to the messages that did go out.
      const row = outboxRow(message, ctx);
      const [outboxId] = await insertOutboxRows(trx, [{ ...row, status: 'FAILED' }]);
      await insertEmailLog(trx, {
        outboxId: outboxId ?? null,
        recipient: row.toAddress,
        subject: row.subject,
        bodyText: row.bodyText,
        bodyHtml: row.bodyHtml ?? null,
        status: 'FAIL',
        errorMessage: OPTED_OUT_MESSAGE,
        enrollmentId: row.enrollmentId ?? null,
        saleId: null,
        customerId: customer.id,
        createdAt: ctx.now.toISOString(),
      });
      result.skippedOptedOut++;
      continue;
    }
    queued.push(message);
  }
  result.outboxIds = await queueEmails(trx, queued, ctx);
  result.queued = result.outboxIds.length;
  return result;
}

/**
 * One marketing message (news, offers) to one customer, placeholders filled. Returns the outbox
 * id, or null when the customer opted out (recorded as not sent, with the reason). Errors as
 * queueStaffMessages.
 */
export async function queueMarketingEmail(
  trx: Tx,
  input: {
    customerId: number;
    subject: string;
    body: string;
    enrollmentId?: number | null;
    workshopId?: number | null;
    senderName?: string | null;
  },
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'> & { sessionSecret: string },
): Promise<number | null> {
  const result = await queueStaffMessages(
    trx,
    {
      subject: input.subject,
      body: input.body,
      kind: 'marketing',
      recipients: [{ customerId: input.customerId, enrollmentId: input.enrollmentId ?? null }],
      workshopId: input.workshopId ?? null,
      senderName: input.senderName ?? null,
    },
    ctx,
  );
  return result.outboxIds[0] ?? null;
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

/** Turns off marketing e-mail for a customer (idempotent). Throws NotFoundError. */
export async function optOutOfMarketing(
  trx: Tx,
  customerId: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<{ email: string }> {
  const row = await trx
    .updateTable('customers')
    .set({ isMarketingOptOut: true, updatedAt: ctx.now.toISOString() })
    .where('id', '=', customerId)
    .returning('email')
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Este enlace ya no es válido.');
  return row;
}
