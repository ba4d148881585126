import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Indexes for the reports (src/features/reports), measured at `tmm seed --scale 50` with
// `npm run bench:reports`: each one turned a table scan or a lookup per row into an index-only
// range read on both SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // Money in per period and per month: everything read from the index, no row lookups.
  await db.schema
    .createIndex('payments_paid_at_cover_idx')
    .on('payments')
    .columns(['paid_at', 'kind', 'amount_clp', 'enrollment_id', 'sale_id'])
    .execute();
  // Enrollments made in a period, by status and workshop (counts per category, top workshops).
  await db.schema
    .createIndex('enrollments_created_cover_idx')
    .on('enrollments')
    .columns(['created_at', 'status', 'workshop_id'])
    .execute();
  await db.schema
    .createIndex('enrollments_cancelled_at_idx')
    .on('enrollments')
    .column('cancelled_at')
    .execute();
  // What is owed: only the enrollments not fully paid, a small part of the table.
  await sql`create index enrollments_owed_idx on enrollments (status, amount_due_clp, amount_paid_clp) where amount_paid_clp < amount_due_clp`.execute(
    db,
  );
  await db.schema.createIndex('sales_paid_at_idx').on('sales').columns(['paid_at', 'status']).execute();
  await db.schema
    .createIndex('waitlist_entries_created_at_idx')
    .on('waitlist_entries')
    .column('created_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of [
    'waitlist_entries_created_at_idx',
    'sales_paid_at_idx',
    'enrollments_owed_idx',
    'enrollments_cancelled_at_idx',
    'enrollments_created_cover_idx',
    'payments_paid_at_cover_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
