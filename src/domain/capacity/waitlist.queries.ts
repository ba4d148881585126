import type { Db, Tx } from '../../db/database';

/** The customer's live entry (WAITING or OFFERED) on a workshop's waitlist, if any. */
export async function findLiveEntry(db: Db | Tx, workshopId: number, customerId: number) {
  return db
    .selectFrom('waitlistEntries')
    .select(['id', 'status', 'createdAt', 'offerExpiresAt'])
    .where('workshopId', '=', workshopId)
    .where('customerId', '=', customerId)
    .where('status', 'in', ['WAITING', 'OFFERED'])
    .executeTakeFirst();
}

/** The next person in line: first come, first served. */
export async function findFirstWaiting(trx: Tx, workshopId: number, skip: number[]) {
  let query = trx
    .selectFrom('waitlistEntries')
    .innerJoin('customers', 'customers.id', 'waitlistEntries.customerId')
    .select(['waitlistEntries.id', 'waitlistEntries.customerId', 'customers.fullName', 'customers.email'])
    .where('waitlistEntries.workshopId', '=', workshopId)
    .where('waitlistEntries.status', '=', 'WAITING');
  if (skip.length > 0) query = query.where('waitlistEntries.id', 'not in', skip);
  return query.orderBy('waitlistEntries.createdAt').orderBy('waitlistEntries.id').limit(1).executeTakeFirst();
}

/** 1-based place of a WAITING entry in its line. */
export async function countAhead(db: Db | Tx, workshopId: number, entry: { id: number; createdAt: string }) {
  const row = await db
    .selectFrom('waitlistEntries')
    .select((eb) => eb.fn.countAll<number>().as('ahead'))
    .where('workshopId', '=', workshopId)
    .where('status', '=', 'WAITING')
    .where((eb) =>
      eb.or([
        eb('createdAt', '<', entry.createdAt),
        eb.and([eb('createdAt', '=', entry.createdAt), eb('id', '<', entry.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.ahead);
}

/** Offers whose hold lapsed (the expiry job's work list). */
export async function listLapsedOfferIds(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('waitlistEntries')
    .select('id')
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '<=', now.toISOString())
    .orderBy('offerExpiresAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The staff view of a workshop's waitlist, in line order. */
export async function listWaitlist(db: Db, workshopId: number) {
  return db
    .selectFrom('waitlistEntries')
    .innerJoin('customers', 'customers.id', 'waitlistEntries.customerId')
    .select([
      'waitlistEntries.id',
      'waitlistEntries.status',
      'waitlistEntries.createdAt',
      'waitlistEntries.offeredAt',
      'waitlistEntries.offerExpiresAt',
      'waitlistEntries.resolvedAt',
      'customers.id as customerId',
      'customers.fullName',
      'customers.email',
      'customers.phone',
    ])
    .where('waitlistEntries.workshopId', '=', workshopId)
    .orderBy('waitlistEntries.createdAt')
    .orderBy('waitlistEntries.id')
    .execute();
}

export type WaitlistRow = Awaited<ReturnType<typeof listWaitlist>>[number];

/**
 * Waitlist places of one customer move to another (a duplicate merged), except a live place in a
 * line where the other already has one (one live place per person and workshop).
 */
export async function reassignWaitlist(trx: Tx, fromId: number, toId: number): Promise<void> {
  await trx
    .updateTable('waitlistEntries')
    .set({ customerId: toId })
    .where('customerId', '=', fromId)
    .where((eb) =>
      eb.or([
        eb('status', 'not in', ['WAITING', 'OFFERED']),
        eb(
          'workshopId',
          'not in',
          eb
            .selectFrom('waitlistEntries as k')
            .select('k.workshopId')
            .where('k.customerId', '=', toId)
            .where('k.status', 'in', ['WAITING', 'OFFERED']),
        ),
      ]),
    )
    .execute();
}

/** When the customer's live offer for this workshop lapses, or undefined when there is none. */
export async function findLiveOfferExpiry(
  db: Db,
  input: { workshopId: number; customerId: number },
  now: Date,
): Promise<string | undefined> {
  const offer = await db
    .selectFrom('waitlistEntries')
    .select('offerExpiresAt')
    .where('workshopId', '=', input.workshopId)
    .where('customerId', '=', input.customerId)
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '>', now.toISOString())
    .executeTakeFirst();
  return offer?.offerExpiresAt ?? undefined;
}
