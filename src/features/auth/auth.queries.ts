import type { Db, Tx } from '../../db/database';
import type { NewUser } from '../../db/schema';

/** The login field accepts the username or the e-mail, case-insensitively. */
export async function findUserByLogin(db: Db | Tx, login: string) {
  const value = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .select(['id', 'email', 'username', 'name', 'role', 'passwordHash', 'isActive'])
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), '=', value), eb(eb.fn('lower', ['username']), '=', value)]),
    )
    .orderBy('id')
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db | Tx, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'username', 'name', 'role', 'isActive'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(trx: Tx, user: NewUser): Promise<number> {
  const row = await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLastLogin(db: Db | Tx, userId: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ lastLoginAt: at.toISOString() }).where('id', '=', userId).execute();
}

export async function updatePasswordHash(db: Db | Tx, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}
