import type { Tx } from '../../db/database';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';

/**
 * Sets (or, with null, removes) a workshop's early-bird price, audited. The price must be below the
 * regular one. Enrollments already made keep their price. Throws NotFoundError, ValidationError.
 */
export async function setEarlyBird(
  trx: Tx,
  workshopId: number,
  input: { priceClp: number; untilDays: number } | null,
  ctx: ServiceContext,
): Promise<void> {
  const before = await trx
    .selectFrom('workshops')
    .select(['priceClp', 'earlyPriceClp', 'earlyUntilDays'])
    .where('id', '=', workshopId)
    .executeTakeFirst();
  if (!before) throw new NotFoundError('Ese taller no existe.');
  if (input && input.priceClp >= before.priceClp)
    throw new ValidationError({
      precio_preventa: 'El precio de preventa debe ser menor que el precio normal.',
    });
  await trx
    .updateTable('workshops')
    .set({
      earlyPriceClp: input?.priceClp ?? null,
      earlyUntilDays: input?.untilDays ?? null,
      updatedAt: ctx.now.toISOString(),
    })
    .where('id', '=', workshopId)
    .execute();
  await recordAudit(
    trx,
    {
      entityType: 'workshop',
      entityId: workshopId,
      action: 'update',
      before: { earlyPriceClp: before.earlyPriceClp, earlyUntilDays: before.earlyUntilDays },
      after: { earlyPriceClp: input?.priceClp ?? null, earlyUntilDays: input?.untilDays ?? null },
    },
    ctx,
  );
}
