import type { Tx } from '../../db/database';
import type { EmailKind } from '../../db/schema';
import { formatDateTimeLong } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { formatClp } from '../../lib/money';
import { firstName } from '../../lib/text';
import { owedClp } from '../balance';
import type { ServiceContext } from '../context';
import { mayReceiveMarketing } from '../customers';
import {
  insertEmailLog,
  insertOutboxRows,
  OPTED_OUT_MESSAGE,
  outboxRow,
  PlaceholderUnavailableError,
  type QueueEmailInput,
  queueEmails,
  RecipientNotFoundError,
  unsubscribePath,
} from '../email';
import { ENROLLMENT_STATUS_LABELS } from '../vocabulary';

/**
 * Placeholders staff may write in a subject or message. The old system's workshop presets used
 * "[Nombre]" while the server replaced "[Nombre del Cliente]", and several were never replaced;
 * here every one listed is replaced, or the send is refused with a message naming it.
 */
export const PLACEHOLDERS = {
  '[Nombre]': 'Su nombre de pila («Valentina»)',
  '[Nombre completo]': 'Su nombre completo («Valentina Muñoz Araya»)',
  '[Nombre del Cliente]': 'Su nombre completo (como [Nombre completo])',
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
      '[Nombre]': firstName(customer.fullName),
      '[Nombre completo]': customer.fullName,
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
      values['[Saldo]'] = formatClp(owedClp(enrollment));
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
        // The template greets by it ("Hola, Valentina"), as people are greeted by name.
        name: firstName(customer.fullName),
        subject,
        body,
        senderName: input.senderName ?? null,
        unsubscribePath: input.kind === 'marketing' ? unsubscribePath(customer.id, ctx.sessionSecret) : null,
      },
    };
    if (input.kind === 'marketing' && !mayReceiveMarketing(customer)) {
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
