import type { Db, Tx } from '../../db/database';

export type WidgetOrigin = { id: number; origin: string; createdAt: string };

export async function listWidgetOrigins(db: Db | Tx): Promise<WidgetOrigin[]> {
  return db.selectFrom('widgetOrigins').select(['id', 'origin', 'createdAt']).orderBy('origin').execute();
}

/** Adds an origin; false when it was already listed. */
export async function insertWidgetOrigin(trx: Tx, origin: string, createdAt: string): Promise<boolean> {
  const row = await trx
    .insertInto('widgetOrigins')
    .values({ origin, createdAt })
    .onConflict((oc) => oc.column('origin').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteWidgetOrigin(trx: Tx, id: number): Promise<boolean> {
  const result = await trx.deleteFrom('widgetOrigins').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
