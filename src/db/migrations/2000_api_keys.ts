import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// The public API (issue 20):
// - api_keys: keys that admins create, with their scopes and expiry. Only the SHA-256 of the
//   secret is kept; the prefix is stored apart so people recognise a key in the list and a request
//   finds its row by an index.
// - api_idempotency_keys: one row per Idempotency-Key a key sent on a POST, for 24 hours: the
//   fingerprint of the request and, once answered, the status and body sent back. The unique pair
//   (api_key_id, idempotency_key) is what reserves a key before the request runs.
// - audit_log.api_key_id: which key made a change done through the API.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(24)', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('scopes', 'varchar(100)', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .addCheckConstraint('api_keys_scopes_check', sql`scopes <> ''`)
    .execute();

  await db.schema
    .createTable('api_idempotency_keys')
    .addColumn('id', 'integer', id)
    .addColumn('api_key_id', 'integer', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'varchar(255)', (c) => c.notNull())
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addUniqueConstraint('api_idempotency_keys_key_unique', ['api_key_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('api_idempotency_keys_expires_idx')
    .on('api_idempotency_keys')
    .column('expires_at')
    .execute();

  await db.schema
    .alterTable('audit_log')
    .addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('api_key_id').execute();
  await db.schema.dropTable('api_idempotency_keys').execute();
  await db.schema.dropTable('api_keys').execute();
}
