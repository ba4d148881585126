import type { Db, Tx } from '../../db/database';

export type ImageOwner = 'products' | 'workshops' | 'facilitators';

export async function findImageOwner(db: Db | Tx, table: ImageOwner, id: number) {
  return db.selectFrom(table).select(['id', 'name', 'imagePath']).where('id', '=', id).executeTakeFirst();
}
