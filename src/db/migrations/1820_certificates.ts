import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Certificates of attendance (issue 19): one per attended enrollment, found by a random uuid that
// the public verification page (/certificados/<uuid>/) reads. What the certificate says (name,
// workshop, date, hours, facilitator) is copied in when it is issued, so the page and the PDF keep
// saying what was certified even if the workshop or the customer's name changes later. A revoked
// certificate stays (the page says it was revoked); a new one may then be issued, hence the unique
// index only over certificates in force.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('enrollment_id', 'integer', (c) =>
      c.notNull().references('enrollments.id').onDelete('cascade'),
    )
    .addColumn('customer_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('workshop_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('session_starts_at', ts, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('facilitator_name', 'varchar(200)')
    .addColumn('issued_at', ts, (c) => c.notNull())
    .addColumn('issued_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', ts)
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoke_reason', 'varchar(300)')
    .execute();
  await db.schema
    .createIndex('certificates_in_force_idx')
    .on('certificates')
    .column('enrollment_id')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
