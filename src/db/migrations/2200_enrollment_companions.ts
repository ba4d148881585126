import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Bookings for companions (issue 18 part 5): one enrollment holds 1–4 seats, the customer's and up
// to three companions'. `enrollments.seats` is the count the seat counter and the price use;
// `enrollment_companions` names each extra seat (the name is optional) and records when one was
// given up, so "seats = 1 + active companions" can be checked. Rejected: one enrollment per
// companion, which would break the one-active-enrollment-per-customer rule and split the payment.
// A waitlist entry waits for `seats` seats, and its offer holds that many.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .alterTable('enrollments')
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1).check(sql`seats between 1 and 4`))
    .execute();
  await db.schema
    .alterTable('waitlist_entries')
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1).check(sql`seats between 1 and 4`))
    .execute();

  await db.schema
    .createTable('enrollment_companions')
    .addColumn('id', 'integer', id)
    .addColumn('enrollment_id', 'integer', (c) =>
      c.notNull().references('enrollments.id').onDelete('cascade'),
    )
    // 2, 3 or 4: the seat's number in the booking (seat 1 is the customer's own).
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position between 2 and 4`))
    .addColumn('name', 'varchar(120)')
    .addColumn('cancelled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enrollment_companions_position_idx')
    .on('enrollment_companions')
    .columns(['enrollment_id', 'position'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('enrollment_companions').execute();
  await db.schema.alterTable('waitlist_entries').dropColumn('seats').execute();
  await db.schema.alterTable('enrollments').dropColumn('seats').execute();
}
