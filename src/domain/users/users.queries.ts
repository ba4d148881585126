import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { UserRole } from '../../db/schema';

export type UserFilters = { q: string; role: UserRole | null };

function filtered(db: Db, filters: UserFilters) {
  let q = db.selectFrom('users');
  if (filters.role) q = q.where('role', '=', filters.role);
  const term = filters.q.trim().toLowerCase();
  if (term) {
    // LIKE wildcards typed by the user are matched literally.
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['email']), 'like', sql<string>`${pattern} escape '\\'`),
        eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`),
        eb(eb.fn('lower', ['username']), 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  return q;
}

export async function countUsers(db: Db, filters: UserFilters): Promise<number> {
  const row = await filtered(db, filters).select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listUsers(db: Db, filters: UserFilters, page: { offset: number; limit: number }) {
  return filtered(db, filters)
    .select([
      'id',
      'email',
      'username',
      'name',
      'role',
      'isActive',
      'emailVerifiedAt',
      'createdAt',
      'lastLoginAt',
    ])
    .orderBy('name')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function findUserForAdmin(trx: Tx, userId: number) {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'role', 'isActive'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updateUserAccess(
  trx: Tx,
  userId: number,
  changes: { role?: UserRole; isActive?: boolean },
) {
  await trx.updateTable('users').set(changes).where('id', '=', userId).execute();
}

/** Who hears about what needs a person (an online payment to check): the active admins. */
export async function listAdminEmails(db: Db | Tx): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('role', '=', 'admin')
    .where('isActive', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.email);
}
