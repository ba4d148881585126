import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.
// Back office: accent-insensitive search on companies and interests (like customers.search_text;
// rows written before or around the services are filled by the backfill-search-text job) and indexes for
// the dashboard (follow-ups due) and the audit list (newest first).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

/** Same rule as searchable() in src/lib/text.ts at the time of writing, copied to stay frozen. */
const searchable = (...parts: (string | null)[]) =>
  parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('companies')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Aliases without underscores read the same with or without a CamelCasePlugin on the connection.
  const rows = await db.selectFrom('companies').select(['id', 'legal_name as name', 'rut']).execute();
  for (const row of rows) {
    await db
      .updateTable('companies')
      .set({ search_text: searchable(row.name, row.rut) })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema
    .alterTable('interests')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const interests = await db.selectFrom('interests').select(['id', 'name']).execute();
  for (const row of interests) {
    await db
      .updateTable('interests')
      .set({ search_text: searchable(row.name) })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema
    .createIndex('interactions_follow_up_idx')
    .on('interactions')
    .columns(['follow_up_on', 'follow_up_done_at'])
    .execute();
  await db.schema.createIndex('audit_log_created_at_idx').on('audit_log').column('created_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('audit_log_created_at_idx').execute();
  await db.schema.dropIndex('interactions_follow_up_idx').execute();
  await db.schema.alterTable('interests').dropColumn('search_text').execute();
  await db.schema.alterTable('companies').dropColumn('search_text').execute();
}
