import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Pay rules per series (issue 18 part 3): a third scope between the workshop and the facilitator's
// default. pay_rules.series_id names the series; exactly one of facilitator_id, workshop_id and
// series_id is set, and a series has one rule per effective date like the other scopes.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const OLD_SCOPE =
  '(facilitator_id is not null and workshop_id is null) or (facilitator_id is null and workshop_id is not null)';
const NEW_SCOPE =
  '(facilitator_id is not null and workshop_id is null and series_id is null) or (facilitator_id is null and workshop_id is not null and series_id is null) or (facilitator_id is null and workshop_id is null and series_id is not null)';
const SERIES_COLUMN = '"series_id" integer references "series" ("id") on delete cascade';

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table pay_rules add column series_id integer references series(id) on delete cascade`.execute(
      db,
    );
    await sql`alter table pay_rules drop constraint pay_rules_scope_check`.execute(db);
    await sql
      .raw(`alter table pay_rules add constraint pay_rules_scope_check check (${NEW_SCOPE})`)
      .execute(db);
  } else {
    await rebuildSqlitePayRules(db, (definition) =>
      definition.replace(
        `, constraint "pay_rules_scope_check" check (${OLD_SCOPE})`,
        `, ${SERIES_COLUMN}, constraint "pay_rules_scope_check" check (${NEW_SCOPE})`,
      ),
    );
  }
  await sql`create unique index pay_rules_series_date_unique on pay_rules (series_id, effective_from) where series_id is not null`.execute(
    db,
  );
}

/**
 * SQLite cannot change a CHECK in place (sqlite.org/lang_altertable.html, "other kinds of table
 * schema changes"): a new table from the edited definition read back from sqlite_master, a copy, a
 * drop and a rename, in one transaction, then the indexes from their stored SQL. No table refers to
 * pay_rules (pay lines copy the rule), so dropping it cascades nowhere.
 */
async function rebuildSqlitePayRules(db: AnyDb, edit: (definition: string) => string) {
  const table = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = 'pay_rules'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition) throw new Error('pay_rules table not found');
  const edited = edit(definition);
  const rebuilt = edited.replace(/^CREATE TABLE "pay_rules"/, 'CREATE TABLE "pay_rules_rebuilt"');
  if (edited === definition || !rebuilt.startsWith('CREATE TABLE "pay_rules_rebuilt"'))
    throw new Error('unexpected definition of the pay_rules table');
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master
    where type = 'index' and tbl_name = 'pay_rules' and sql is not null and name <> 'pay_rules_series_date_unique'
  `.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql.raw(rebuilt).execute(trx);
    const columns = await sql<{ name: string }>`select name from pragma_table_info('pay_rules')`.execute(trx);
    const list = sql.raw(
      columns.rows
        .map((c) => c.name)
        .filter((name) => name !== 'series_id')
        .map((name) => `"${name}"`)
        .join(', '),
    );
    await sql`insert into pay_rules_rebuilt (${list}) select ${list} from pay_rules`.execute(trx);
    await sql`drop table pay_rules`.execute(trx);
    await sql`alter table pay_rules_rebuilt rename to pay_rules`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  });
}

export async function down(db: AnyDb): Promise<void> {
  // The old scopes cannot say "a series": its rules go, as deleting a series would take them.
  await db.deleteFrom('pay_rules').where('series_id', 'is not', null).execute();
  await sql`drop index pay_rules_series_date_unique`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table pay_rules drop constraint pay_rules_scope_check`.execute(db);
    await sql`alter table pay_rules drop column series_id`.execute(db);
    await sql
      .raw(`alter table pay_rules add constraint pay_rules_scope_check check (${OLD_SCOPE})`)
      .execute(db);
  } else {
    await rebuildSqlitePayRules(db, (definition) =>
      definition.replace(
        `, ${SERIES_COLUMN}, constraint "pay_rules_scope_check" check (${NEW_SCOPE})`,
        `, constraint "pay_rules_scope_check" check (${OLD_SCOPE})`,
      ),
    );
  }
}
