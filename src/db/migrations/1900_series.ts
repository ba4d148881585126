import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Recurring series (issue 18, part 1): a template (what each session is) and a weekly rule (which
// days, at what Santiago time, from a date until a date or for N sessions). Each session is an
// ordinary workshop; the link between a series and its workshops lives in series_sessions, owned by
// the series module, so the workshops table keeps one writer and knows nothing of series.
// `applied_fields` keeps what the series last wrote into the workshop: a template edit updates only
// the sessions still equal to it (one edited by hand in "Talleres" differs, and is left alone).
// A series booking (the whole series in one step) is series_bookings plus one enrollment per session.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const date = pg ? ('date' as const) : ('text' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('series')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('interests.id').onDelete('set null'))
    .addColumn('price_clp', 'integer', (c) => c.notNull())
    .addColumn('total_seats', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('location', 'varchar(200)')
    .addColumn('facilitator_name', 'varchar(150)')
    // ISO weekdays, Monday 1 … Sunday 7, comma-separated and ascending ("2,4").
    .addColumn('weekdays', 'varchar(20)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date)
    .addColumn('session_count', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('series_price_check', sql`price_clp >= 0`)
    .addCheckConstraint('series_seats_check', sql`total_seats > 0`)
    .addCheckConstraint('series_duration_check', sql`duration_minutes > 0`)
    .addCheckConstraint(
      'series_end_check',
      sql`(ends_on is null and session_count > 0) or (ends_on is not null and session_count is null)`,
    )
    .execute();

  await db.schema
    .createTable('series_sessions')
    .addColumn('id', 'integer', id)
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('workshop_id', 'integer', (c) =>
      c.notNull().unique().references('workshops.id').onDelete('cascade'),
    )
    .addColumn('session_date', date, (c) => c.notNull())
    .addColumn('applied_fields', 'text', (c) => c.notNull())
    // Two generators running at once (the job in two processes) make each date once.
    .addUniqueConstraint('series_sessions_date_unique', ['series_id', 'session_date'])
    .execute();

  await db.schema
    .createTable('series_bookings')
    .addColumn('id', 'integer', id)
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('series_bookings_customer_idx')
    .on('series_bookings')
    .column('customer_id')
    .execute();

  await db.schema
    .createTable('series_booking_enrollments')
    .addColumn('booking_id', 'integer', (c) =>
      c.notNull().references('series_bookings.id').onDelete('cascade'),
    )
    .addColumn('enrollment_id', 'integer', (c) =>
      c.notNull().unique().references('enrollments.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('series_booking_enrollments_pk', ['booking_id', 'enrollment_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('series_booking_enrollments').execute();
  await db.schema.dropTable('series_bookings').execute();
  await db.schema.dropTable('series_sessions').execute();
  await db.schema.dropTable('series').execute();
}
