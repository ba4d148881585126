import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.
// A customer's private calendar feed (issue 20): the SHA-256 of the secret in its address. Only
// the hash is kept, so nobody who can read the database (or the back office) can subscribe to a
// customer's bookings; a new address replaces the hash and the old one stops working.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('calendar_feed_hash', 'text').execute();
  await db.schema
    .createIndex('users_calendar_feed_hash_key')
    .on('users')
    .column('calendar_feed_hash')
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('users_calendar_feed_hash_key').execute();
  await db.schema.alterTable('users').dropColumn('calendar_feed_hash').execute();
}
