import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.
// What a customer needs to decide on a workshop besides its date and price: what it includes,
// what to bring, and who leads it. Free text, optional: older workshops simply do not show them.
// The facilitator is a name for now; a facilitators table may replace it later.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const COLUMNS = ['what_included', 'what_to_bring', 'facilitator_name'] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('workshops').addColumn(column, 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of [...COLUMNS].reverse())
    await db.schema.alterTable('workshops').dropColumn(column).execute();
}
