import type { Tx } from '../../db/database';
import type { NewCustomer } from '../../db/schema';

export async function findCustomerByUserId(trx: Tx, userId: number) {
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone'])
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function findCustomerByEmail(trx: Tx, email: string) {
  return trx
    .selectFrom('customers')
    .select(['id', 'fullName', 'email', 'phone', 'userId'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function insertCustomer(trx: Tx, customer: NewCustomer): Promise<number> {
  const row = await trx.insertInto('customers').values(customer).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function linkCustomerToUser(
  trx: Tx,
  customerId: number,
  userId: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('customers')
    .set({ userId, updatedAt: at.toISOString() })
    .where('id', '=', customerId)
    .where('userId', 'is', null)
    .execute();
}
