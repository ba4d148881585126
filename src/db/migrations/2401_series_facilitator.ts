import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// A series names who leads it as a facilitator record (issue 18 leftover: it held only a name, so
// its sessions had no facilitator until staff set one on each, and no pay rule or door scope
// reached them). `series_sessions.applied_fields` — what the series last wrote into each session,
// a JSON array compared with the workshop's fields to tell hand-edited sessions apart — gains the
// facilitator id as its last element: null for every session written before, which is what those
// workshops hold as far as the series is concerned.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('series')
    .addColumn('facilitator_id', 'integer', (c) => c.references('facilitators.id').onDelete('set null'))
    .execute();
  await sql`
    update series_sessions
    set applied_fields = substr(applied_fields, 1, length(applied_fields) - 1) || ',null]'
  `.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // Sessions the series gave a facilitator keep it on their workshop; without the column their
  // fingerprint no longer matches, so the series then treats them as edited by hand.
  await sql`
    update series_sessions
    set applied_fields = substr(applied_fields, 1, length(applied_fields) - length(',null]')) || ']'
    where applied_fields like '%,null]'
  `.execute(db);
  await db.schema.alterTable('series').dropColumn('facilitator_id').execute();
}
