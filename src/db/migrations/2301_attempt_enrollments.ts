import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// One online payment for several enrollments (issue 18: paying a whole series at once): the
// attempt names its first enrollment, as every enrollment attempt does, and
// payment_attempt_enrollments lists every enrollment it pays with each one's share (what it owed when
// the payment started). Each share becomes its own PAYMENT row in the ledger when the provider
// approves, so "at most one PAYMENT row per attempt" becomes one per attempt and enrollment (and
// still one per attempt for an order). `description` is what the customer and the provider read
// when the attempt pays more than one thing ("Serie Torno de los lunes: 8 sesiones").

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('payment_attempt_enrollments')
    .addColumn('attempt_id', 'integer', (c) =>
      c.notNull().references('payment_attempts.id').onDelete('cascade'),
    )
    .addColumn('enrollment_id', 'integer', (c) =>
      c.notNull().references('enrollments.id').onDelete('cascade'),
    )
    .addColumn('amount_clp', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_attempt_enrollments_pk', ['attempt_id', 'enrollment_id'])
    .addCheckConstraint('payment_attempt_enrollments_amount_check', sql`amount_clp > 0`)
    .execute();
  await db.schema
    .createIndex('payment_attempt_enrollments_enrollment_idx')
    .on('payment_attempt_enrollments')
    .column('enrollment_id')
    .execute();
  await db.schema.alterTable('payment_attempts').addColumn('description', 'varchar(200)').execute();

  await sql`drop index payments_attempt_payment_unique`.execute(db);
  await sql`create unique index payments_attempt_payment_unique on payments (attempt_id, enrollment_id) where kind = 'PAYMENT' and enrollment_id is not null`.execute(
    db,
  );
  await sql`create unique index payments_attempt_sale_payment_unique on payments (attempt_id) where kind = 'PAYMENT' and sale_id is not null`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index payments_attempt_sale_payment_unique`.execute(db);
  await sql`drop index payments_attempt_payment_unique`.execute(db);
  await sql`create unique index payments_attempt_payment_unique on payments (attempt_id) where kind = 'PAYMENT'`.execute(
    db,
  );
  await db.schema.alterTable('payment_attempts').dropColumn('description').execute();
  await db.schema.dropTable('payment_attempt_enrollments').execute();
}
