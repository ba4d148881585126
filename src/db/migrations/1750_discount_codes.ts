import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Discount codes (issue 17): a code takes a percentage or a fixed amount off an enrollment or a kit
// order, within its dates, its total uses and its uses per customer. Uses are counters changed only
// by guarded updates (uses_count < max_uses), like seats; each use is a redemption row, and a use
// given back (an unpaid order cancelled) stays as a released row, so `tmm check` can compare the
// counters with the rows.
//
// The scope is text without a CHECK on purpose: the kinds of things a code covers grow (class packs
// come next) and SQLite cannot change a CHECK in place; the application validates it.
// Enrollments and orders keep the discount they received (`discount_clp`): an enrollment's
// amount_due_clp and an order's total_clp are what is left to charge after it.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const bool = pg ? ('boolean' as const) : ('integer' as const);
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('discount_codes')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'varchar(10)')
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('max_uses', 'integer')
    .addColumn('uses_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_uses_per_customer', 'integer')
    .addColumn('min_amount_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scope', 'varchar(20)', (c) => c.notNull().defaultTo('all'))
    .addColumn('is_active', bool, (c) => c.notNull().defaultTo(pg ? sql`true` : sql`1`))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('discount_codes_kind_check', sql`kind in ('percent', 'amount')`)
    .addCheckConstraint('discount_codes_value_check', sql`value > 0 and (kind <> 'percent' or value <= 100)`)
    .addCheckConstraint('discount_codes_uses_check', sql`uses_count >= 0`)
    .addCheckConstraint(
      'discount_codes_limits_check',
      sql`(max_uses is null or max_uses > 0) and (max_uses_per_customer is null or max_uses_per_customer > 0) and min_amount_clp >= 0`,
    )
    .execute();

  // The workshops or categories a code is limited to (by its scope); none for the other scopes.
  await db.schema
    .createTable('discount_code_items')
    .addColumn('code_id', 'integer', (c) => c.notNull().references('discount_codes.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('discount_code_items_pk', ['code_id', 'item_id'])
    .execute();

  // Uses per customer, a counter under the same guard as the code's total.
  await db.schema
    .createTable('discount_code_customers')
    .addColumn('code_id', 'integer', (c) => c.notNull().references('discount_codes.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('discount_code_customers_pk', ['code_id', 'customer_id'])
    .addCheckConstraint('discount_code_customers_uses_check', sql`uses >= 0`)
    .execute();

  await db.schema
    .createTable('discount_redemptions')
    .addColumn('id', 'integer', id)
    .addColumn('code_id', 'integer', (c) => c.notNull().references('discount_codes.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('cascade'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('cascade'))
    .addColumn('discount_clp', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('released_at', ts)
    .addCheckConstraint('discount_redemptions_status_check', sql`status in ('active', 'released')`)
    .addCheckConstraint('discount_redemptions_amount_check', sql`discount_clp > 0`)
    .addCheckConstraint(
      'discount_redemptions_target_check',
      sql`(enrollment_id is not null and sale_id is null) or (enrollment_id is null and sale_id is not null)`,
    )
    .execute();
  // One live code per enrollment and per order: a second "Aplicar" cannot stack discounts.
  await sql`create unique index discount_redemptions_enrollment_unique on discount_redemptions (enrollment_id) where status = 'active'`.execute(
    db,
  );
  await sql`create unique index discount_redemptions_sale_unique on discount_redemptions (sale_id) where status = 'active'`.execute(
    db,
  );
  await db.schema
    .createIndex('discount_redemptions_code_idx')
    .on('discount_redemptions')
    .columns(['code_id', 'status'])
    .execute();
  await db.schema
    .createIndex('discount_redemptions_customer_idx')
    .on('discount_redemptions')
    .column('customer_id')
    .execute();

  await db.schema
    .alterTable('enrollments')
    .addColumn('discount_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sales')
    .addColumn('discount_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('sales').dropColumn('discount_clp').execute();
  await db.schema.alterTable('enrollments').dropColumn('discount_clp').execute();
  await db.schema.dropTable('discount_redemptions').execute();
  await db.schema.dropTable('discount_code_customers').execute();
  await db.schema.dropTable('discount_code_items').execute();
  await db.schema.dropTable('discount_codes').execute();
}
