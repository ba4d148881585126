import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';

/**
 * A customer's private calendar feed: its address carries a random secret; only the secret's
 * SHA-256 is stored, so the address is shown once (when made) and a new one replaces it.
 */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A fresh secret for the user's feed (the previous address stops working). Returns the secret. */
export async function renewCalendarFeed(db: Db, userId: number): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await db
    .updateTable('users')
    .set({ calendarFeedHash: hashOf(secret) })
    .where('id', '=', userId)
    .execute();
  return secret;
}

export async function revokeCalendarFeed(db: Db, userId: number): Promise<void> {
  await db.updateTable('users').set({ calendarFeedHash: null }).where('id', '=', userId).execute();
}

/** The customer whose feed this secret opens (an active account linked to a customer), if any. */
export async function findCalendarFeedCustomer(db: Db, secret: string): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(secret)) return undefined;
  const row = await db
    .selectFrom('users')
    .innerJoin('customers', 'customers.userId', 'users.id')
    .select('customers.id')
    .where('users.calendarFeedHash', '=', hashOf(secret))
    .where('users.isActive', '=', true)
    .executeTakeFirst();
  return row?.id;
}
