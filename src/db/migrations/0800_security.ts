import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// The security audit (issue 12):
// - e-mails with single-use links are stored redacted; the outbox keeps the link only until sent
//   (private_link), and links already stored in bodies are redacted and their tokens voided;
// - company and interest names are unique once folded (case and accents), the same on both
//   databases, through a key the application computes (name_key);
// - failed logins remember the trusted-device cookie they came with (device_id);
// - sign-ups wait for the e-mail to be confirmed before an account exists (signup_requests).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Same rule as searchable() in src/lib/text.ts at the time of writing, copied to stay frozen. */
const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Reset and verification links as the templates wrote them: /cuenta/recuperar|verificar/<token>/. */
const ACCESS_LINK = /(?:https?:\/\/[^\s"'<>]*)?\/cuenta\/(?:recuperar|verificar)\/[\w-]{43}\/?/g;
const REDACTED = '[enlace privado]';

async function redactBodies(db: AnyDb, table: 'email_outbox' | 'email_log') {
  const rows = await db
    .selectFrom(table)
    .select(['id', 'body_text as text', 'body_html as html'])
    .where((eb) =>
      eb.or([
        eb('body_text', 'like', '%/cuenta/recuperar/%'),
        eb('body_text', 'like', '%/cuenta/verificar/%'),
        eb('body_html', 'like', '%/cuenta/recuperar/%'),
        eb('body_html', 'like', '%/cuenta/verificar/%'),
      ]),
    )
    .execute();
  for (const row of rows) {
    await db
      .updateTable(table)
      .set({
        body_text: row.text === null ? null : String(row.text).replace(ACCESS_LINK, REDACTED),
        body_html: row.html === null ? null : String(row.html).replace(ACCESS_LINK, REDACTED),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Fills name_key, keeping duplicates that fold alike apart (#id) so the unique index can exist. */
async function fillNameKeys(db: AnyDb, table: 'companies' | 'interests', nameColumn: string) {
  const rows = await db
    .selectFrom(table)
    .select(['id', `${nameColumn} as name`])
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  for (const row of rows) {
    let key = fold(String(row.name));
    if (seen.has(key)) key = `${key} #${row.id}`;
    seen.add(key);
    await db.updateTable(table).set({ name_key: key }).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex(`${table}_name_key_unique`).on(table).column('name_key').unique().execute();
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const date = pg ? ('date' as const) : ('text' as const);
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema.alterTable('email_outbox').addColumn('private_link', 'text').execute();
  await redactBodies(db, 'email_outbox');
  await redactBodies(db, 'email_log');
  // Whoever could read the e-mail log could read those links: none of them may still work.
  await db
    .updateTable('user_tokens')
    .set({ used_at: new Date().toISOString() })
    .where('used_at', 'is', null)
    .execute();

  await db.schema.alterTable('companies').addColumn('name_key', 'varchar(200)').execute();
  await fillNameKeys(db, 'companies', 'legal_name');
  await db.schema.alterTable('interests').addColumn('name_key', 'varchar(100)').execute();
  await fillNameKeys(db, 'interests', 'name');

  await db.schema.alterTable('login_failures').addColumn('device_id', 'varchar(64)').execute();
  await db.schema
    .createIndex('login_failures_device_idx')
    .on('login_failures')
    .columns(['device_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('signup_requests')
    .addColumn('id', 'integer', id)
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('name', 'varchar(150)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)', (c) => c.notNull())
    .addColumn('birth_date', date)
    .addColumn('comuna', 'varchar(100)')
    .addColumn('rut', 'varchar(12)')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('next_path', 'varchar(2000)')
    .addColumn('token_hash', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('signup_requests_email_idx')
    .on('signup_requests')
    .columns(['email', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('signup_requests').execute();
  await db.schema.dropIndex('login_failures_device_idx').execute();
  await db.schema.alterTable('login_failures').dropColumn('device_id').execute();
  await db.schema.dropIndex('interests_name_key_unique').execute();
  await db.schema.alterTable('interests').dropColumn('name_key').execute();
  await db.schema.dropIndex('companies_name_key_unique').execute();
  await db.schema.alterTable('companies').dropColumn('name_key').execute();
  await db.schema.alterTable('email_outbox').dropColumn('private_link').execute();
}
