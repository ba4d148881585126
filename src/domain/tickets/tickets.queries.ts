import type { Db, Tx } from '../../db/database';

/** The key every ticket is signed with (made once by migration 1800). */
export async function ticketSecret(db: Db | Tx): Promise<string> {
  const row = await db
    .selectFrom('ticketKeys')
    .select('secret')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.secret;
}
