import type { Db } from '../../src/db/database';
import { inTransaction } from '../../src/db/transaction';
import { createDiscountCode, type DiscountCodeInput } from '../../src/domain/discounts';
import type { TestDb } from './db';
import { unique } from './factories';

/** A discount code as staff would save it; 10% off everything, no limits, unless overridden. */
export async function createCode(database: TestDb, overrides: Partial<DiscountCodeInput> = {}) {
  const code = overrides.code ?? unique('COD').toUpperCase();
  const id = await inTransaction(database, (trx) =>
    createDiscountCode(
      trx,
      {
        code,
        description: '',
        kind: 'percent',
        value: 10,
        validFrom: null,
        validUntil: null,
        maxUses: null,
        maxUsesPerCustomer: null,
        minAmountClp: 0,
        scope: 'all',
        itemIds: [],
        isActive: true,
        ...overrides,
      },
      { now: new Date(), actor: null, publicUrl: 'http://localhost' },
    ),
  );
  return { id, code };
}

export const codeRow = (db: Db, id: number) =>
  db.selectFrom('discountCodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
