import type { Db, Tx } from '../../db/database';

export type ImageOwner = 'products' | 'workshops';

export async function findImageOwner(db: Db | Tx, table: ImageOwner, id: number) {
  return db.selectFrom(table).select(['id', 'name', 'imagePath']).where('id', '=', id).executeTakeFirst();
}

/** Points the product or workshop at its new image; returns the previous file name. */
export async function replaceImagePath(
  trx: Tx,
  table: ImageOwner,
  id: number,
  imagePath: string,
  now: Date,
): Promise<{ previous: string | null } | null> {
  const current = await findImageOwner(trx, table, id);
  if (!current) return null;
  await trx
    .updateTable(table)
    .set({ imagePath, updatedAt: now.toISOString() })
    .where('id', '=', id)
    .execute();
  return { previous: current.imagePath };
}
