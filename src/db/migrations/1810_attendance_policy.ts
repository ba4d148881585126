import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// The attendance policy (issue 19): a late-cancel window and what a no-show costs, as a centre
// default (one row) that a workshop may replace with its own. What a no-show costs is a word, so
// that "the pack credit" can join "nothing" and "a fee" later without changing the columns.
// The policy applies only to sessions that end after `applies_from` (this migration's time): a
// year of sessions whose attendance nobody recorded must not turn into a year of no-shows.
// enrollments.no_show_at marks, once, that the policy was applied to a no-show; no_show_fee_clp is
// the part of amount_due_clp that the fee added.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const ts = isPg(db) ? ('timestamptz' as const) : ('text' as const);
  const charge = sql`no_show_charge in ('none', 'fee', 'pack_credit')`;
  await db.schema
    .createTable('attendance_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('late_cancel_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('no_show_charge', 'varchar(20)', (c) => c.notNull().defaultTo('none'))
    .addColumn('no_show_fee_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grace_hours', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('applies_from', ts, (c) => c.notNull())
    .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts)
    .addCheckConstraint('attendance_settings_charge_check', charge)
    .addCheckConstraint(
      'attendance_settings_numbers_check',
      sql`late_cancel_hours >= 0 and no_show_fee_clp >= 0 and grace_hours >= 0`,
    )
    .execute();
  await db
    .insertInto('attendance_settings')
    .values({ id: 1, applies_from: new Date().toISOString() })
    .execute();
  await db.schema
    .createTable('workshop_attendance_policies')
    .addColumn('workshop_id', 'integer', (c) => c.primaryKey().references('workshops.id').onDelete('cascade'))
    .addColumn('late_cancel_hours', 'integer', (c) => c.notNull())
    .addColumn('no_show_charge', 'varchar(20)', (c) => c.notNull())
    .addColumn('no_show_fee_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts)
    .addCheckConstraint('workshop_attendance_policies_charge_check', charge)
    .addCheckConstraint(
      'workshop_attendance_policies_numbers_check',
      sql`late_cancel_hours >= 0 and no_show_fee_clp >= 0`,
    )
    .execute();
  await db.schema.alterTable('enrollments').addColumn('no_show_at', ts).execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('no_show_fee_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('no_show_fee_clp').execute();
  await db.schema.alterTable('enrollments').dropColumn('no_show_at').execute();
  await db.schema.dropTable('workshop_attendance_policies').execute();
  await db.schema.dropTable('attendance_settings').execute();
}
