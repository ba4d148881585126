import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { lockingControl } from '../../db/locks';
import type { DB, PackEntryKind, PackStatus } from '../../db/schema';

/** A pack's balance: the sum of its ledger. The one definition, used by every query here. */
export const balanceSql = (eb: ExpressionBuilder<DB, 'packs'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('packCreditEntries')
      .select((e) => e.fn.sum<number>('packCreditEntries.credits').as('s'))
      .whereRef('packCreditEntries.packId', '=', 'packs.id'),
    sql<number>`0`,
  );

/** The workshop fields that decide which packs may pay it. */
export type WorkshopTerms = {
  id: number;
  categoryId: number | null;
  modality: 'PRESENCIAL' | 'ONLINE';
  startsAt: string;
};

/**
 * WHERE: the pack covers this workshop. A company bundle (no product) covers every workshop; a
 * product with no categories and no workshops too; otherwise the workshop or its category must be
 * listed. An online workshop needs a pack that counts online workshops.
 */
const coversWorkshop = (w: WorkshopTerms) => (eb: ExpressionBuilder<DB, 'packs'>) =>
  eb.and([
    w.modality === 'ONLINE' ? eb('packs.isOnlineIncluded', '=', true) : eb.lit(true),
    eb.or([
      eb('packs.packProductId', 'is', null),
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('packProductCategories as c')
              .select('c.categoryId')
              .whereRef('c.packProductId', '=', 'packs.packProductId'),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('packProductWorkshops as w')
              .select('w.workshopId')
              .whereRef('w.packProductId', '=', 'packs.packProductId'),
          ),
        ),
      ]),
      eb.exists(
        eb
          .selectFrom('packProductWorkshops as w')
          .select('w.workshopId')
          .whereRef('w.packProductId', '=', 'packs.packProductId')
          .where('w.workshopId', '=', w.id),
      ),
      ...(w.categoryId === null
        ? []
        : [
            eb.exists(
              eb
                .selectFrom('packProductCategories as c')
                .select('c.categoryId')
                .whereRef('c.packProductId', '=', 'packs.packProductId')
                .where('c.categoryId', '=', w.categoryId),
            ),
          ]),
    ]),
  ]);

export type EligiblePack = { id: number; name: string; expiresAt: string; balance: number };

/**
 * Packs that may pay this workshop, soonest to expire first: active, still valid when the workshop
 * starts, covering it, with a credit left (as read now; the spend re-checks under the row lock).
 * `owner` is the customer (their packs) or a company (its seat bundles).
 */
export async function listEligiblePacks(
  db: Db | Tx,
  owner: { customerId: number } | { companyId: number },
  workshop: WorkshopTerms,
  now: Date,
): Promise<EligiblePack[]> {
  const rows = await db
    .selectFrom('packs')
    .select((eb) => ['packs.id', 'packs.name', 'packs.expiresAt', balanceSql(eb).as('balance')])
    .where(
      'customerId' in owner ? 'packs.customerId' : 'packs.companyId',
      '=',
      'customerId' in owner ? owner.customerId : owner.companyId,
    )
    .where('packs.status', '=', 'ACTIVO')
    .where('packs.expiresAt', '>', now.toISOString())
    .where('packs.expiresAt', '>=', workshop.startsAt)
    .where(coversWorkshop(workshop))
    .where((eb) => eb(balanceSql(eb), '>', 0))
    .orderBy('packs.expiresAt')
    .orderBy('packs.id')
    .execute();
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

/**
 * Locks one pack for a spend (PostgreSQL: the row lock until commit; SQLite: the write lock) and
 * only while it is active and unexpired. Returns false when it is not. Every later read of its
 * ledger in the transaction sees the spends committed before, so two spends of one pack queue here.
 */
export async function lockPackForEntry(trx: Tx, packId: number, now: Date): Promise<boolean> {
  if (lockingControl.unsafeReadThenWrite) {
    // The race tests' control run: the same condition read without the lock.
    const row = await trx
      .selectFrom('packs')
      .select('id')
      .where('id', '=', packId)
      .where('status', '=', 'ACTIVO')
      .where('expiresAt', '>', now.toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }
  const result = await trx
    .updateTable('packs')
    .set({ lastEntryAt: now.toISOString() })
    .where('id', '=', packId)
    .where('status', '=', 'ACTIVO')
    .where('expiresAt', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function packBalance(db: Db | Tx, packId: number): Promise<number> {
  const row = await db
    .selectFrom('packCreditEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('credits'), sql<number>`0`).as('balance'))
    .where('packId', '=', packId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export async function insertEntry(
  trx: Tx,
  entry: {
    packId: number;
    kind: PackEntryKind;
    credits: number;
    enrollmentId?: number | null;
    reason?: string | null;
    userId?: number | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('packCreditEntries')
    .values({
      packId: entry.packId,
      kind: entry.kind,
      credits: entry.credits,
      enrollmentId: entry.enrollmentId ?? null,
      reason: entry.reason ?? null,
      userId: entry.userId ?? null,
      createdAt: entry.now.toISOString(),
    })
    .execute();
}

/** The redemption of an enrollment and whether its credit was already settled (returned or lost). */
export async function findRedemption(trx: Tx, enrollmentId: number) {
  const rows = await trx
    .selectFrom('packCreditEntries')
    .select(['packId', 'kind'])
    .where('enrollmentId', '=', enrollmentId)
    .execute();
  const redeem = rows.find((r) => r.kind === 'redeem');
  return redeem ? { packId: redeem.packId, settled: rows.some((r) => r.kind !== 'redeem') } : undefined;
}

/** The pack lines of a paid sale, with each product's pack terms. */
export async function listSalePackLines(trx: Tx, saleId: number) {
  return trx
    .selectFrom('saleLines')
    .innerJoin('sales', 'sales.id', 'saleLines.saleId')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .innerJoin('packProducts', 'packProducts.productId', 'products.id')
    .select([
      'saleLines.id as saleLineId',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
      'sales.customerId',
      'sales.discountClp',
      'products.name',
      'packProducts.id as packProductId',
      'packProducts.credits',
      'packProducts.validityDays',
      'packProducts.isOnlineIncluded',
    ])
    .where('saleLines.saleId', '=', saleId)
    .where('products.kind', '=', 'pack')
    .orderBy('saleLines.id')
    .execute();
}

/** Every line of a sale, kits too, as a discount code sees them (what its discount is split over). */
export async function listSaleLinesForDiscount(trx: Tx, saleId: number) {
  return trx
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'saleLines.id',
      'saleLines.productId',
      'products.kind',
      'products.categoryId',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
    ])
    .where('saleLines.saleId', '=', saleId)
    .orderBy('saleLines.id')
    .execute();
}

export async function insertPack(
  trx: Tx,
  pack: {
    customerId: number | null;
    companyId: number | null;
    packProductId: number | null;
    saleId: number | null;
    saleLineId: number | null;
    unitNo: number;
    name: string;
    credits: number;
    priceClp: number;
    isOnlineIncluded: boolean;
    contactCustomerId: number | null;
    note: string | null;
    createdByUserId: number | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<number> {
  const row = await trx
    .insertInto('packs')
    .values({
      customerId: pack.customerId,
      companyId: pack.companyId,
      packProductId: pack.packProductId,
      saleId: pack.saleId,
      saleLineId: pack.saleLineId,
      unitNo: pack.unitNo,
      name: pack.name,
      credits: pack.credits,
      priceClp: pack.priceClp,
      isOnlineIncluded: pack.isOnlineIncluded,
      contactCustomerId: pack.contactCustomerId,
      note: pack.note,
      createdByUserId: pack.createdByUserId,
      purchasedAt: pack.now.toISOString(),
      expiresAt: pack.expiresAt.toISOString(),
      lastEntryAt: pack.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Closes an active pack (VENCIDO or ANULADO) exactly once: a conditional UPDATE, which also takes
 * the row lock, so a spend racing it either committed before (and is in the sum read after) or
 * finds the pack closed. `dueBy` limits it to packs whose validity ended by then (the expiry job).
 */
export async function closePack(
  trx: Tx,
  packId: number,
  status: Exclude<PackStatus, 'ACTIVO'>,
  now: Date,
  dueBy?: Date,
): Promise<boolean> {
  let query = trx
    .updateTable('packs')
    .set({ status, closedAt: now.toISOString(), lastEntryAt: now.toISOString() })
    .where('id', '=', packId)
    .where('status', '=', 'ACTIVO');
  if (dueBy) query = query.where('expiresAt', '<=', dueBy.toISOString());
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listActivePackIdsOfSale(trx: Tx, saleId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('packs')
    .select('id')
    .where('saleId', '=', saleId)
    .where('status', '=', 'ACTIVO')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function listExpiredPackIds(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('packs')
    .select('id')
    .where('status', '=', 'ACTIVO')
    .where('expiresAt', '<=', now.toISOString())
    .orderBy('expiresAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Active packs with credits left that expire within `days` and were not reminded yet. */
export async function listPacksToRemind(db: Db, now: Date, until: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('packs')
    .select('id')
    .where('status', '=', 'ACTIVO')
    .where('remindedAt', 'is', null)
    .where('expiresAt', '>', now.toISOString())
    .where('expiresAt', '<=', until.toISOString())
    .where((eb) => eb(balanceSql(eb), '>', 0))
    .orderBy('expiresAt')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims a pack's expiry reminder once: false when it was already claimed. */
export async function claimReminder(trx: Tx, packId: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('packs')
    .set({ remindedAt: now.toISOString() })
    .where('id', '=', packId)
    .where('remindedAt', 'is', null)
    .where('status', '=', 'ACTIVO')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Who to write to about a pack: its customer, or a company bundle's contact. */
export async function findPackRecipient(db: Db | Tx, packId: number) {
  return db
    .selectFrom('packs')
    .leftJoin('customers', (j) =>
      j.on((eb) =>
        eb.or([
          eb('customers.id', '=', eb.ref('packs.customerId')),
          eb('customers.id', '=', eb.ref('packs.contactCustomerId')),
        ]),
      ),
    )
    .select([
      'packs.id',
      'packs.name',
      'packs.expiresAt',
      'packs.customerId',
      'packs.companyId',
      'customers.id as recipientId',
      'customers.fullName',
      'customers.email',
    ])
    .where('packs.id', '=', packId)
    .executeTakeFirst();
}

export async function findPack(db: Db | Tx, packId: number) {
  return db
    .selectFrom('packs')
    .select((eb) => [
      'packs.id',
      'packs.customerId',
      'packs.companyId',
      'packs.name',
      'packs.credits',
      'packs.priceClp',
      'packs.status',
      'packs.expiresAt',
      'packs.purchasedAt',
      'packs.saleId',
      balanceSql(eb).as('balance'),
    ])
    .where('packs.id', '=', packId)
    .executeTakeFirst();
}
