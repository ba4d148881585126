import type { Tx } from '../../db/database';
import type { InteractionKind } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { FollowUpAlreadyDoneError } from './interactions.errors';
import { findInteraction, insertInteraction, markFollowUpDoneRow } from './interactions.queries';

type Ctx = Pick<ServiceContext, 'now' | 'actor'>;

export type InteractionInput = {
  customerId: number;
  kind: InteractionKind;
  summary: string;
  /** "YYYY-MM-DD": the day staff want to get back to the customer (shown on the dashboard). */
  followUpOn: string | null;
};

/** Logs a call, WhatsApp, e-mail, meeting or note on a customer's timeline. Throws NotFoundError. Audited. */
export async function logInteraction(trx: Tx, input: InteractionInput, ctx: Ctx): Promise<number> {
  const customer = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new NotFoundError('No encontramos ese cliente.');
  const id = await insertInteraction(trx, {
    ...input,
    createdByUserId: ctx.actor?.userId ?? null,
    createdAt: ctx.now.toISOString(),
  });
  await recordAudit(
    trx,
    {
      entityType: 'interaction',
      entityId: id,
      action: 'create',
      after: {
        customerId: input.customerId,
        kind: input.kind,
        summary: input.summary,
        followUpOn: input.followUpOn,
      },
    },
    ctx,
  );
  return id;
}

/**
 * Marks a follow-up as done (conditional update: two clicks mark it once). Returns the customer id.
 * Throws NotFoundError, FollowUpAlreadyDoneError.
 */
export async function markFollowUpDone(trx: Tx, interactionId: number, ctx: Ctx): Promise<number> {
  const customerId = await markFollowUpDoneRow(trx, interactionId, ctx.now.toISOString());
  if (customerId !== null) return customerId;
  const existing = await findInteraction(trx, interactionId);
  if (!existing || existing.followUpOn === null) throw new NotFoundError('No encontramos ese seguimiento.');
  throw new FollowUpAlreadyDoneError();
}
