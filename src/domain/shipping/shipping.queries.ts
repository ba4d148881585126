import type { Db, Tx } from '../../db/database';

export type ShippingRate = {
  id: number;
  regionCode: string;
  regionName: string;
  priceClp: number;
  isAvailable: boolean;
  updatedAt: string | null;
};

const COLUMNS = ['id', 'regionCode', 'regionName', 'priceClp', 'isAvailable', 'updatedAt'] as const;

/** Every region, north to south. */
export async function listShippingRates(db: Db | Tx): Promise<ShippingRate[]> {
  return db.selectFrom('shippingRates').select(COLUMNS).orderBy('position').execute();
}

export async function findShippingRate(db: Db | Tx, regionCode: string): Promise<ShippingRate | undefined> {
  return db
    .selectFrom('shippingRates')
    .select(COLUMNS)
    .where('regionCode', '=', regionCode)
    .executeTakeFirst();
}

export async function updateShippingRate(
  trx: Tx,
  id: number,
  values: { priceClp: number; isAvailable: boolean },
  now: Date,
): Promise<void> {
  await trx
    .updateTable('shippingRates')
    .set({ ...values, updatedAt: now.toISOString() })
    .where('id', '=', id)
    .execute();
}
