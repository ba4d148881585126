import type { Tx } from '../../db/database';
import type { ServiceContext } from '../context';
import type { TemplateData } from '../email';
import { type QueueEmailInput, queueEmails } from '../email';
import { findOwingEnrollments } from './debtors.queries';

type Owing = Awaited<ReturnType<typeof findOwingEnrollments>>[number];

/** The payment reminder of one debtor, as queued and as previewed (same data, same template). */
export function reminderData(e: Owing): TemplateData['payment_reminder'] {
  return {
    name: e.fullName,
    workshopName: e.workshopName,
    startsAt: e.startsAt,
    balanceClp: e.owedClp,
    payPath: `/pago/${e.id}/`,
  };
}

/**
 * Queues one payment reminder per selected enrollment that still owes; the rest (paid or cancelled
 * meanwhile) are skipped and counted. `batchKey` (one per confirmation form) dedupes a resubmitted
 * "Enviar", while a new reminder another day goes out again.
 */
export async function sendPaymentReminders(
  trx: Tx,
  input: { enrollmentIds: number[]; batchKey: string },
  ctx: Pick<ServiceContext, 'now' | 'publicUrl'>,
): Promise<{ queued: number; skipped: number }> {
  const owing = await findOwingEnrollments(trx, input.enrollmentIds);
  const emails: QueueEmailInput<'payment_reminder'>[] = owing.map((e) => ({
    template: 'payment_reminder',
    to: e.email,
    customerId: e.customerId,
    enrollmentId: e.id,
    data: reminderData(e),
    dedupeKey: `staff-payment-reminder:${input.batchKey}:${e.id}`,
  }));
  const queued = (await queueEmails(trx, emails, ctx)).length;
  return { queued, skipped: input.enrollmentIds.length - owing.length };
}
