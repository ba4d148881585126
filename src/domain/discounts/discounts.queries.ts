import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { lockingControl } from '../../db/locks';

/** An order a code is used on: an enrollment or a kit order. */
export type DiscountTarget = { enrollmentId: number } | { saleId: number };

const targetColumn = (target: DiscountTarget) =>
  'enrollmentId' in target
    ? ({ column: 'enrollmentId', id: target.enrollmentId } as const)
    : ({ column: 'saleId', id: target.saleId } as const);

export async function findCodeByText(db: Db | Tx, code: string) {
  const row = await db.selectFrom('discountCodes').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, isActive: Boolean(row.isActive), itemIds: await listCodeItemIds(db, row.id) };
}

export type DiscountCodeRow = NonNullable<Awaited<ReturnType<typeof findCodeByText>>>;

export async function listCodeItemIds(db: Db | Tx, codeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('discountCodeItems')
    .select('itemId')
    .where('codeId', '=', codeId)
    .orderBy('itemId')
    .execute();
  return rows.map((r) => r.itemId);
}

export async function countCustomerUses(db: Db | Tx, codeId: number, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('discountCodeCustomers')
    .select('uses')
    .where('codeId', '=', codeId)
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return row?.uses ?? 0;
}

/**
 * The redemption row; undefined when the order already has a live one (the partial unique index,
 * whose predicate must be a literal for PostgreSQL to match it).
 */
export async function insertRedemption(
  trx: Tx,
  input: { codeId: number; customerId: number; target: DiscountTarget; discountClp: number; now: Date },
): Promise<number | undefined> {
  const { column, id } = targetColumn(input.target);
  const row = await trx
    .insertInto('discountRedemptions')
    .values({
      codeId: input.codeId,
      customerId: input.customerId,
      [column]: id,
      discountClp: input.discountClp,
      createdAt: input.now.toISOString(),
    })
    .onConflict((oc) => oc.column(column).where(sql<boolean>`status = 'active'`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Takes one use of a code: `uses_count + 1 WHERE uses_count < max_uses`, the seats' guard, so the
 * last use goes to exactly one order on both dialects. False when none is left. The race test's
 * control run swaps it for read-then-write (db/locks.ts lockingControl) to prove the race is real.
 */
export async function takeCodeUse(trx: Tx, codeId: number): Promise<boolean> {
  if (lockingControl.unsafeReadThenWrite) {
    const row = await trx
      .selectFrom('discountCodes')
      .select(['usesCount', 'maxUses'])
      .where('id', '=', codeId)
      .executeTakeFirstOrThrow();
    if (row.maxUses !== null && row.usesCount >= row.maxUses) return false;
    await trx
      .updateTable('discountCodes')
      .set({ usesCount: row.usesCount + 1 })
      .where('id', '=', codeId)
      .execute();
    return true;
  }
  const result = await trx
    .updateTable('discountCodes')
    .set({ usesCount: sql<number>`uses_count + 1` })
    .where('id', '=', codeId)
    .where((eb) => eb.or([eb('maxUses', 'is', null), eb('usesCount', '<', eb.ref('maxUses'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes one of a customer's uses of a code under the same guard (`uses < limit`; no limit when
 * null). The counter row is created first (ON CONFLICT DO NOTHING waits for a concurrent creator),
 * so the guarded update always has a row to lock.
 */
export async function takeCustomerUse(
  trx: Tx,
  input: { codeId: number; customerId: number; limit: number | null },
): Promise<boolean> {
  await trx
    .insertInto('discountCodeCustomers')
    .values({ codeId: input.codeId, customerId: input.customerId, uses: 0 })
    .onConflict((oc) => oc.columns(['codeId', 'customerId']).doNothing())
    .execute();
  let query = trx
    .updateTable('discountCodeCustomers')
    .set({ uses: sql<number>`uses + 1` })
    .where('codeId', '=', input.codeId)
    .where('customerId', '=', input.customerId);
  if (input.limit !== null) query = query.where('uses', '<', input.limit);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the order's live redemption released (once: conditional on it being active). */
export async function markRedemptionReleased(trx: Tx, target: DiscountTarget, now: Date) {
  const { column, id } = targetColumn(target);
  return trx
    .updateTable('discountRedemptions')
    .set({ status: 'released', releasedAt: now.toISOString() })
    .where(column, '=', id)
    .where('status', '=', 'active')
    .returning(['id', 'codeId', 'customerId'])
    .executeTakeFirst();
}

/** Gives a use back to the code (never below zero). */
export async function giveBackCodeUse(trx: Tx, codeId: number): Promise<void> {
  await trx
    .updateTable('discountCodes')
    .set({ usesCount: sql<number>`uses_count - 1` })
    .where('id', '=', codeId)
    .where('usesCount', '>', 0)
    .execute();
}

/** Gives a use back to the customer's count of a code (never below zero). */
export async function giveBackCustomerUse(trx: Tx, codeId: number, customerId: number): Promise<void> {
  await trx
    .updateTable('discountCodeCustomers')
    .set({ uses: sql<number>`uses - 1` })
    .where('codeId', '=', codeId)
    .where('customerId', '=', customerId)
    .where('uses', '>', 0)
    .execute();
}

/** The order's last released redemption, the one a reinstated order may take back. */
export async function findReleasedRedemption(db: Db | Tx, target: DiscountTarget) {
  const { column, id } = targetColumn(target);
  return db
    .selectFrom('discountRedemptions')
    .innerJoin('discountCodes', 'discountCodes.id', 'discountRedemptions.codeId')
    .select([
      'discountRedemptions.id',
      'discountRedemptions.codeId',
      'discountRedemptions.customerId',
      'discountCodes.maxUsesPerCustomer',
    ])
    .where(`discountRedemptions.${column}`, '=', id)
    .where('discountRedemptions.status', '=', 'released')
    .orderBy('discountRedemptions.id', 'desc')
    .executeTakeFirst();
}

export async function markRedemptionActive(trx: Tx, redemptionId: number): Promise<boolean> {
  const result = await trx
    .updateTable('discountRedemptions')
    .set({ status: 'active', releasedAt: null })
    .where('id', '=', redemptionId)
    .where('status', '=', 'released')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The code shown beside an order (its live redemption), for the payment pages. */
export async function findAppliedCode(db: Db | Tx, target: DiscountTarget) {
  const { column, id } = targetColumn(target);
  return db
    .selectFrom('discountRedemptions')
    .innerJoin('discountCodes', 'discountCodes.id', 'discountRedemptions.codeId')
    .select(['discountCodes.code', 'discountRedemptions.discountClp'])
    .where(`discountRedemptions.${column}`, '=', id)
    .where('discountRedemptions.status', '=', 'active')
    .executeTakeFirst();
}

/**
 * What the code an order used covers (its scope and items): the order's latest redemption, live or
 * released (a lapsed order paid late keeps its discount). Undefined when no code was used.
 */
export async function findRedeemedCodeScope(db: Db | Tx, target: DiscountTarget) {
  const { column, id } = targetColumn(target);
  const row = await db
    .selectFrom('discountRedemptions')
    .innerJoin('discountCodes', 'discountCodes.id', 'discountRedemptions.codeId')
    .select(['discountCodes.id', 'discountCodes.scope'])
    .where(`discountRedemptions.${column}`, '=', id)
    .orderBy('discountRedemptions.id', 'desc')
    .executeTakeFirst();
  return row ? { scope: row.scope, itemIds: await listCodeItemIds(db, row.id) } : undefined;
}

/** A merged customer's uses move to the customer kept, counters added together. */
export async function reassignDiscountUses(trx: Tx, fromCustomerId: number, toCustomerId: number) {
  await trx
    .updateTable('discountRedemptions')
    .set({ customerId: toCustomerId })
    .where('customerId', '=', fromCustomerId)
    .execute();
  const moved = await trx
    .selectFrom('discountCodeCustomers')
    .select(['codeId', 'uses'])
    .where('customerId', '=', fromCustomerId)
    .execute();
  for (const row of moved) {
    await trx
      .insertInto('discountCodeCustomers')
      .values({ codeId: row.codeId, customerId: toCustomerId, uses: row.uses })
      .onConflict((oc) =>
        oc
          .columns(['codeId', 'customerId'])
          .doUpdateSet({ uses: sql<number>`discount_code_customers.uses + ${row.uses}` }),
      )
      .execute();
  }
  await trx.deleteFrom('discountCodeCustomers').where('customerId', '=', fromCustomerId).execute();
}
