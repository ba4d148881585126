import type { Tx } from '../../../src/db/database';
import type { ServiceContext } from '../../../src/domain/context';
import { queueStaffMessages } from '../../../src/domain/messages/staff-messages.service';

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
