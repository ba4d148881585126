import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// A series may give certificates of attendance only to whoever attended at least this percentage
// of its sessions held so far (issue 19 part 4); null keeps a certificate per attended session.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('series')
    .addColumn('certificate_min_percent', 'integer', (c) =>
      c.check(sql`certificate_min_percent between 1 and 100`),
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('series').dropColumn('certificate_min_percent').execute();
}
