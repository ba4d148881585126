import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { InteractionsTable } from '../../db/schema';

export async function insertInteraction(trx: Tx, values: Insertable<InteractionsTable>): Promise<number> {
  const row = await trx.insertInto('interactions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A customer's timeline, newest first, with who logged each entry. */
export async function listInteractionsFor(db: Db, customerId: number) {
  return db
    .selectFrom('interactions as i')
    .leftJoin('users as u', 'u.id', 'i.createdByUserId')
    .select([
      'i.id',
      'i.kind',
      'i.summary',
      'i.followUpOn',
      'i.followUpDoneAt',
      'i.createdAt',
      'u.name as authorName',
      'u.email as authorEmail',
    ])
    .where('i.customerId', '=', customerId)
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
}

export type InteractionRow = Awaited<ReturnType<typeof listInteractionsFor>>[number];

/** Marks a follow-up done once; returns the customer id, or null when there was nothing to mark. */
export async function markFollowUpDoneRow(trx: Tx, id: number, at: string) {
  const row = await trx
    .updateTable('interactions')
    .set({ followUpDoneAt: at })
    .where('id', '=', id)
    .where('followUpOn', 'is not', null)
    .where('followUpDoneAt', 'is', null)
    .returning('customerId')
    .executeTakeFirst();
  return row?.customerId ?? null;
}

export async function findInteraction(db: Db | Tx, id: number) {
  return db
    .selectFrom('interactions')
    .select(['id', 'customerId', 'followUpOn', 'followUpDoneAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Follow-ups due by `today` (Santiago calendar day) and not done, oldest first. */
export async function listDueFollowUps(db: Db, today: string, limit: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('interactions as i')
      .innerJoin('customers as c', 'c.id', 'i.customerId')
      .select(['i.id', 'i.kind', 'i.summary', 'i.followUpOn', 'c.id as customerId', 'c.fullName'])
      .where('i.followUpOn', '<=', today)
      .where('i.followUpDoneAt', 'is', null)
      .orderBy('i.followUpOn')
      .orderBy('i.id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('interactions')
      .select(sql<number>`count(*)`.as('n'))
      .where('followUpOn', '<=', today)
      .where('followUpDoneAt', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
