import type { Db, Tx } from '../../db/database';

export type ApiKeyRow = {
  id: number;
  name: string;
  prefix: string;
  scopes: string;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdByName: string;
  state: ApiKeyState;
};

export type ApiKeyState = 'active' | 'expired' | 'revoked';

/** Every key, newest first, with its state now, for the admins' list (a centre has a handful). */
export async function listApiKeys(db: Db, now: Date): Promise<ApiKeyRow[]> {
  const rows = await db
    .selectFrom('apiKeys as k')
    .innerJoin('users as u', 'u.id', 'k.createdByUserId')
    .select([
      'k.id',
      'k.name',
      'k.prefix',
      'k.scopes',
      'k.expiresAt',
      'k.createdAt',
      'k.revokedAt',
      'k.lastUsedAt',
      'u.name as createdByName',
    ])
    .orderBy('k.id', 'desc')
    .execute();
  const at = now.toISOString();
  return rows.map((row) => ({
    ...row,
    state: row.revokedAt !== null ? 'revoked' : row.expiresAt <= at ? 'expired' : 'active',
  }));
}

/** The key whose secret hashes to this, with whether the admin who created it may still act. */
export async function findApiKeyByHash(db: Db, secretHash: string) {
  return db
    .selectFrom('apiKeys as k')
    .innerJoin('users as u', 'u.id', 'k.createdByUserId')
    .select([
      'k.id',
      'k.prefix',
      'k.scopes',
      'k.expiresAt',
      'k.revokedAt',
      'k.lastUsedAt',
      'k.createdByUserId',
      'u.role as creatorRole',
      'u.isActive as creatorActive',
    ])
    .where('k.secretHash', '=', secretHash)
    .executeTakeFirst();
}

export async function insertApiKey(
  trx: Tx,
  row: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: string;
    expiresAt: string;
    createdByUserId: number;
    createdAt: string;
  },
): Promise<number> {
  const inserted = await trx.insertInto('apiKeys').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Marks a key revoked once; false when it was unknown or already revoked. */
export async function markApiKeyRevoked(trx: Tx, id: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('apiKeys')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchApiKey(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('apiKeys').set({ lastUsedAt: at }).where('id', '=', id).execute();
}
