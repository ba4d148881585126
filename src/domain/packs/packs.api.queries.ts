import type { Db } from '../../db/database';
import type { PackStatus } from '../../db/schema';
import type { KeysetPage } from '../../lib/keyset';

/** A pack with its balance: the sum of its ledger, never a stored counter. */
function packQuery(db: Db) {
  return db.selectFrom('packs').select((eb) => [
    'packs.id',
    'packs.name',
    'packs.customerId',
    'packs.companyId',
    'packs.saleId',
    'packs.credits',
    'packs.priceClp',
    'packs.status',
    'packs.purchasedAt',
    'packs.expiresAt',
    'packs.closedAt',
    eb
      .selectFrom('packCreditEntries')
      .select((e) => e.fn.coalesce(e.fn.sum<number>('packCreditEntries.credits'), e.lit(0)).as('b'))
      .whereRef('packCreditEntries.packId', '=', 'packs.id')
      .as('balance'),
  ]);
}

type PackRow = Awaited<ReturnType<ReturnType<typeof packQuery>['execute']>>[number];
export type ApiPack = Omit<PackRow, 'balance'> & { balance: number };

const withBalance = (row: PackRow): ApiPack => ({ ...row, balance: Number(row.balance ?? 0) });

export type ApiPackFilter = {
  customerId: number | null;
  companyId: number | null;
  status: PackStatus | null;
  /** Packs whose ledger moved since then (a purchase, a credit spent or returned, an expiry). */
  updatedSince: string | null;
};

/** Packs in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiPacks(db: Db, filter: ApiPackFilter, page: KeysetPage): Promise<ApiPack[]> {
  let query = packQuery(db);
  if (filter.customerId !== null) query = query.where('packs.customerId', '=', filter.customerId);
  if (filter.companyId !== null) query = query.where('packs.companyId', '=', filter.companyId);
  if (filter.status !== null) query = query.where('packs.status', '=', filter.status);
  if (filter.updatedSince !== null) query = query.where('packs.lastEntryAt', '>=', filter.updatedSince);
  if (page.afterId !== null) query = query.where('packs.id', '>', page.afterId);
  const rows = await query
    .orderBy('packs.id')
    .limit(page.limit + 1)
    .execute();
  return rows.map(withBalance);
}

/** One pack with its ledger, oldest entry first. */
export async function findApiPack(db: Db, id: number) {
  const pack = await packQuery(db).where('packs.id', '=', id).executeTakeFirst();
  if (!pack) return undefined;
  const entries = await db
    .selectFrom('packCreditEntries')
    .select(['id', 'kind', 'credits', 'enrollmentId', 'reason', 'createdAt'])
    .where('packId', '=', id)
    .orderBy('id')
    .execute();
  return { ...withBalance(pack), entries };
}
