import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Facilitators (who leads a workshop) become records of their own: name, RUT, contact, bio and a
// photo. A workshop points at one (the free-text facilitator_name of 1010 stays, for workshops
// without a record), and an account may belong to one with the new role `facilitator`.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const OLD_ROLES = "'customer', 'staff', 'admin'";
const NEW_ROLES = "'customer', 'staff', 'admin', 'facilitator'";
/** A facilitator account always names its facilitator, and only such an account does. */
const LINK_CHECK =
  "(role = 'facilitator' and facilitator_id is not null) or (role <> 'facilitator' and facilitator_id is null)";

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? 'timestamptz' : 'text';
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('facilitators')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(150)', (c) => c.notNull())
    .addColumn('rut', 'varchar(12)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(254)')
    .addColumn('phone', 'varchar(30)')
    .addColumn('bio', 'text')
    .addColumn('image_path', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('facilitators_name_not_blank', sql`length(name) > 0`)
    .execute();

  await db.schema
    .alterTable('workshops')
    .addColumn('facilitator_id', 'integer', (c) => c.references('facilitators.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('workshops_facilitator_idx').on('workshops').column('facilitator_id').execute();

  await db.schema
    .alterTable('users')
    .addColumn('facilitator_id', 'integer', (c) => c.references('facilitators.id').onDelete('cascade'))
    .execute();
  // One account per facilitator: the invitation is sent once, and a second one would share the sessions.
  await sql`create unique index users_facilitator_unique on users (facilitator_id) where facilitator_id is not null`.execute(
    db,
  );

  if (pg) {
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql
      .raw(`alter table users add constraint users_role_check check (role in (${NEW_ROLES}))`)
      .execute(db);
    await sql
      .raw(`alter table users add constraint users_facilitator_link_check check (${LINK_CHECK})`)
      .execute(db);
  } else {
    await rebuildSqliteUsers(db, (definition) =>
      definition
        .replace(`check (role in (${OLD_ROLES}))`, `check (role in (${NEW_ROLES}))`)
        .replace(/\)\s*$/, `, constraint "users_facilitator_link_check" check (${LINK_CHECK}))`),
    );
  }
}

/**
 * SQLite cannot change a CHECK in place: the documented way (sqlite.org/lang_altertable.html,
 * "other kinds of table schema changes") is a new table from the edited definition, a copy, a drop
 * and a rename, with foreign keys off so dropping the old users does not cascade into sessions,
 * tokens and customers. Migrations on SQLite run outside a transaction, so the pragma takes effect;
 * the copy itself is one transaction, and the foreign keys are checked before they are turned on.
 * The definition and its indexes are read back from sqlite_master, so columns other migrations added
 * survive unchanged.
 */
async function rebuildSqliteUsers(db: AnyDb, edit: (definition: string) => string) {
  const table = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = 'users'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition) throw new Error('users table not found');
  const rebuilt = edit(definition).replace(/^CREATE TABLE "users"/, 'CREATE TABLE "users_rebuilt"');
  if (rebuilt === definition || !rebuilt.startsWith('CREATE TABLE "users_rebuilt"'))
    throw new Error('unexpected definition of the users table');
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = 'users' and sql is not null
  `.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      const columns = await sql<{
        name: string;
      }>`select name from pragma_table_info('users_rebuilt')`.execute(trx);
      const list = sql.raw(columns.rows.map((c) => `"${c.name}"`).join(', '));
      await sql`insert into users_rebuilt (${list}) select ${list} from users`.execute(trx);
      await sql`drop table users`.execute(trx);
      await sql`alter table users_rebuilt rename to users`.execute(trx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('foreign keys broken by the users rebuild');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.deleteFrom('users').where('role', '=', 'facilitator').execute();
  if (isPg(db)) {
    await sql`alter table users drop constraint users_facilitator_link_check`.execute(db);
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql
      .raw(`alter table users add constraint users_role_check check (role in (${OLD_ROLES}))`)
      .execute(db);
    await sql`drop index users_facilitator_unique`.execute(db);
    await sql`alter table users drop column facilitator_id`.execute(db);
  } else {
    await sql`drop index users_facilitator_unique`.execute(db);
    await rebuildSqliteUsers(db, (definition) =>
      definition
        .replace(`check (role in (${NEW_ROLES}))`, `check (role in (${OLD_ROLES}))`)
        .replace(/, constraint "users_facilitator_link_check" check \(.*\)\)\s*$/, ')')
        .replace(/, "facilitator_id" integer references "facilitators" \("id"\) on delete cascade/, ''),
    );
  }
  await db.schema.dropIndex('workshops_facilitator_idx').execute();
  await db.schema.alterTable('workshops').dropColumn('facilitator_id').execute();
  await db.schema.dropTable('facilitators').execute();
}
