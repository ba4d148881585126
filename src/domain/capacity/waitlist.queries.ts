import type { Db, Tx } from '../../db/database';

/** The customer's live entry (WAITING or OFFERED) on a workshop's waitlist, if any. */
export async function findLiveEntry(db: Db | Tx, workshopId: number, customerId: number) {
  return db
    .selectFrom('waitlistEntries')
    .select(['id', 'status', 'createdAt', 'offerExpiresAt', 'seats'])
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
    .select([
      'waitlistEntries.id',
      'waitlistEntries.customerId',
      'waitlistEntries.seats',
      'customers.fullName',
      'customers.email',
    ])
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
      'waitlistEntries.seats',
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

/**
 * The customer's live places on waitlists of workshops still to come, soonest first: their place
 * in line while waiting (1-based, as countAhead counts it) or, for a seat held for them, when the
 * hold lapses. An offer whose hold already lapsed is left out: it is passing to the next person.
 */
export async function listCustomerWaitlistPlaces(db: Db, customerId: number, now: Date) {
  const nowIso = now.toISOString();
  const rows = await db
    .selectFrom('waitlistEntries as e')
    .innerJoin('workshops as w', 'w.id', 'e.workshopId')
    .select((eb) => [
      'e.id',
      'e.status',
      'e.offerExpiresAt',
      'e.seats',
      'w.id as workshopId',
      'w.name as workshopName',
      'w.startsAt',
      eb
        .selectFrom('waitlistEntries as ahead')
        .select((ahead) => ahead.fn.countAll<number>().as('n'))
        .whereRef('ahead.workshopId', '=', 'e.workshopId')
        .where('ahead.status', '=', 'WAITING')
        .where((ahead) =>
          ahead.or([
            ahead('ahead.createdAt', '<', ahead.ref('e.createdAt')),
            ahead.and([
              ahead('ahead.createdAt', '=', ahead.ref('e.createdAt')),
              ahead('ahead.id', '<', ahead.ref('e.id')),
            ]),
          ]),
        )
        .as('ahead'),
    ])
    .where('e.customerId', '=', customerId)
    .where('w.startsAt', '>', nowIso)
    .where('w.cancelledAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb('e.status', '=', 'WAITING'),
        eb.and([eb('e.status', '=', 'OFFERED'), eb('e.offerExpiresAt', '>', nowIso)]),
      ]),
    )
    .orderBy('w.startsAt')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workshopId: r.workshopId,
    workshopName: r.workshopName,
    startsAt: r.startsAt,
    seats: r.seats,
    offered: r.status === 'OFFERED',
    position: r.status === 'WAITING' ? Number(r.ahead) + 1 : null,
    offerExpiresAt: r.status === 'OFFERED' ? r.offerExpiresAt : null,
  }));
}

export type CustomerWaitlistPlace = Awaited<ReturnType<typeof listCustomerWaitlistPlaces>>[number];

/** How many seats the customer's live offer for this workshop holds (1 when there is none). */
export async function findLiveOfferSeats(
  db: Db,
  input: { workshopId: number; customerId: number },
  now: Date,
): Promise<number> {
  const offer = await db
    .selectFrom('waitlistEntries')
    .select('seats')
    .where('workshopId', '=', input.workshopId)
    .where('customerId', '=', input.customerId)
    .where('status', '=', 'OFFERED')
    .where('offerExpiresAt', '>', now.toISOString())
    .executeTakeFirst();
  return offer?.seats ?? 1;
}
