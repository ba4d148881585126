import type { Db } from '../../db/database';

/**
 * Everything the profile page shows, read in a fixed number of queries whatever the history's
 * length (the original ran one query per enrollment and per sale).
 */

export async function findProfileAccount(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .leftJoin('customers', 'customers.userId', 'users.id')
    .select([
      'users.id as userId',
      'users.email',
      'users.username',
      'users.name',
      'users.emailVerifiedAt',
      'customers.id as customerId',
      'customers.fullName',
      'customers.phone',
      'customers.birthDate',
      'customers.comuna',
      'customers.rut',
      'customers.customerType',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function listCustomerInterestNames(db: Db, customerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('customerInterests')
    .innerJoin('interests', 'interests.id', 'customerInterests.interestId')
    .select('interests.name')
    .where('customerInterests.customerId', '=', customerId)
    .orderBy('interests.name')
    .execute();
  return rows.map((r) => r.name);
}

/** The customer's enrollments with their workshop, latest workshop first. */
export async function listCustomerEnrollments(db: Db, customerId: number) {
  return db
    .selectFrom('enrollments')
    .innerJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .select([
      'enrollments.id',
      'enrollments.status',
      'enrollments.amountDueClp',
      'enrollments.amountPaidClp',
      'enrollments.refundDueClp',
      'enrollments.createdAt',
      'workshops.id as workshopId',
      'workshops.name as workshopName',
      'workshops.startsAt',
      'workshops.cancelledAt as workshopCancelledAt',
    ])
    .where('enrollments.customerId', '=', customerId)
    .orderBy('workshops.startsAt', 'desc')
    .orderBy('enrollments.id', 'desc')
    .execute();
}

export type ProfileSale = {
  id: number;
  totalClp: number;
  status: 'PENDIENTE' | 'PAGADO' | 'ANULADO';
  createdAt: string;
  lines: { productName: string; quantity: number; unitPriceClp: number }[];
};

/** The customer's purchases, newest first, each with its lines (two queries in all). */
export async function listCustomerSales(db: Db, customerId: number): Promise<ProfileSale[]> {
  const sales = await db
    .selectFrom('sales')
    .select(['id', 'totalClp', 'status', 'createdAt'])
    .where('customerId', '=', customerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  if (sales.length === 0) return [];
  const lines = await db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'saleLines.saleId',
      'products.name as productName',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
    ])
    .where(
      'saleLines.saleId',
      'in',
      sales.map((s) => s.id),
    )
    .orderBy('saleLines.id')
    .execute();
  const bySale = new Map<number, ProfileSale['lines']>();
  for (const { saleId, ...line } of lines) {
    const list = bySale.get(saleId) ?? [];
    list.push(line);
    bySale.set(saleId, list);
  }
  return sales.map((s) => ({ ...s, lines: bySale.get(s.id) ?? [] }));
}
