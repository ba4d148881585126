import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Early-bird prices (issue 17): a workshop may have a lower price until some days before it starts
// (both set or both empty; staff set them together, `tmm check` would see one without the other).
// An enrollment keeps whether it was taken at that price, since its amount due is fixed when it is
// made and the page that asks for payment says which price it was.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('workshops').addColumn('early_price_clp', 'integer').execute();
  await db.schema.alterTable('workshops').addColumn('early_until_days', 'integer').execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('is_early_bird', pg ? 'boolean' : 'integer', (c) =>
      c.notNull().defaultTo(pg ? sql`false` : sql`0`),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('is_early_bird').execute();
  await db.schema.alterTable('workshops').dropColumn('early_until_days').execute();
  await db.schema.alterTable('workshops').dropColumn('early_price_clp').execute();
}
