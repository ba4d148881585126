import type { Db, Tx } from '../../db/database';

export type WidgetOrigin = { id: number; origin: string; createdAt: string };

export async function listWidgetOrigins(db: Db | Tx): Promise<WidgetOrigin[]> {
  return db.selectFrom('widgetOrigins').select(['id', 'origin', 'createdAt']).orderBy('origin').execute();
}

/** Adds an origin; returns its id, or undefined when it was already listed. */
export async function insertWidgetOrigin(
  trx: Tx,
  origin: string,
  createdAt: string,
): Promise<number | undefined> {
  const row = await trx
    .insertInto('widgetOrigins')
    .values({ origin, createdAt })
    .onConflict((oc) => oc.column('origin').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Removes an origin; returns it, or undefined when it was not listed. */
export async function deleteWidgetOrigin(trx: Tx, id: number): Promise<string | undefined> {
  const row = await trx
    .deleteFrom('widgetOrigins')
    .where('id', '=', id)
    .returning('origin')
    .executeTakeFirst();
  return row?.origin;
}
