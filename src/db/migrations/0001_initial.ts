import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file imports nothing from the application, so later changes to the
// schema types cannot silently change what this migration did.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

function dialectTypes(db: AnyDb) {
  const pg = isPg(db);
  return {
    ts: pg ? ('timestamptz' as const) : ('text' as const),
    date: pg ? ('date' as const) : ('text' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
    now: pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    false: pg ? sql`false` : sql`0`,
    true: pg ? sql`true` : sql`1`,
    id: (col: ColumnDefinitionBuilder) =>
      pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
  };
}

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: AnyDb): Promise<void> {
  const t = dialectTypes(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', t.id)
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('username', 'varchar(150)', (c) => c.unique())
    .addColumn('name', 'varchar(150)', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('customer'))
    .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('email_verified_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('last_login_at', t.ts)
    .addCheckConstraint('users_role_check', inList('role', ['customer', 'staff', 'admin']))
    .addCheckConstraint('users_email_not_blank', sql`length(email) > 3`)
    .execute();
  // Case-insensitive uniqueness enforced by the database, not only by the services.
  await db.schema
    .createIndex('users_email_lower_unique')
    .on('users')
    .unique()
    .expression(sql`lower(email)`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('sessions_expires_at_idx').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', 'integer', t.id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('used_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint(
      'user_tokens_purpose_check',
      inList('purpose', ['password_reset', 'email_verification']),
    )
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', t.id)
    .addColumn('account_key', 'varchar(254)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema
    .createIndex('login_failures_account_idx')
    .on('login_failures')
    .columns(['account_key', 'created_at'])
    .execute();
  await db.schema
    .createIndex('login_failures_ip_idx')
    .on('login_failures')
    .columns(['ip', 'created_at'])
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'integer', t.id)
    .addColumn('legal_name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('rut', 'varchar(12)', (c) => c.unique())
    .addColumn('address', 'varchar(255)')
    .addColumn('phone', 'varchar(20)')
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('companies_legal_name_not_blank', sql`length(legal_name) > 0`)
    // Stored normalised: digits, a hyphen and the check digit (12345678-5, 7654321-K).
    .addCheckConstraint('companies_rut_format', sql`rut is null or rut like '%_-_'`)
    .execute();

  await db.schema
    .createTable('interests')
    .addColumn('id', 'integer', t.id)
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('interests_name_not_blank', sql`length(name) > 0`)
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'integer', t.id)
    .addColumn('full_name', 'varchar(150)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)')
    .addColumn('birth_date', t.date)
    .addColumn('comuna', 'varchar(100)')
    .addColumn('rut', 'varchar(12)')
    .addColumn('customer_type', 'varchar(3)', (c) => c.notNull().defaultTo('B2C'))
    .addColumn('company_id', 'integer', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('user_id', 'integer', (c) => c.unique().references('users.id').onDelete('set null'))
    .addColumn('lifecycle_stage', 'varchar(16)', (c) => c.notNull().defaultTo('lead'))
    .addColumn('is_marketing_opt_out', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_activity_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('customers_type_check', inList('customer_type', ['B2C', 'B2B']))
    .addCheckConstraint(
      'customers_lifecycle_check',
      inList('lifecycle_stage', ['lead', 'prospect', 'customer', 'inactive']),
    )
    // The original stored "" as an e-mail; an address needs at least x@y.
    .addCheckConstraint('customers_email_check', sql`email like '%_@_%'`)
    .addCheckConstraint('customers_full_name_not_blank', sql`length(full_name) > 0`)
    .execute();
  await db.schema
    .createIndex('customers_email_lower_unique')
    .on('customers')
    .unique()
    .expression(sql`lower(email)`)
    .execute();
  await db.schema.createIndex('customers_company_idx').on('customers').column('company_id').execute();
  await db.schema.createIndex('customers_created_at_idx').on('customers').column('created_at').execute();

  await db.schema
    .createTable('customer_interests')
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('interest_id', 'integer', (c) => c.notNull().references('interests.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('customer_interests_pk', ['customer_id', 'interest_id'])
    .execute();
  await db.schema
    .createIndex('customer_interests_interest_idx')
    .on('customer_interests')
    .column('interest_id')
    .execute();

  await db.schema
    .createTable('workshops')
    .addColumn('id', 'integer', t.id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('image_path', 'varchar(255)')
    .addColumn('category_id', 'integer', (c) => c.references('interests.id').onDelete('set null'))
    .addColumn('starts_at', t.ts, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('modality', 'varchar(15)', (c) => c.notNull().defaultTo('PRESENCIAL'))
    .addColumn('location', 'varchar(255)')
    .addColumn('online_url', 'varchar(500)')
    .addColumn('price_clp', 'integer', (c) => c.notNull())
    .addColumn('total_seats', 'integer', (c) => c.notNull())
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seats_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('cancellation_cutoff_hours', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('unpaid_expiry_hours', 'integer')
    .addColumn('cancelled_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('workshops_modality_check', inList('modality', ['PRESENCIAL', 'ONLINE']))
    .addCheckConstraint('workshops_price_check', sql`price_clp >= 0`)
    .addCheckConstraint('workshops_duration_check', sql`duration_minutes > 0`)
    .addCheckConstraint(
      'workshops_seats_check',
      sql`total_seats >= 0 and seats_taken >= 0 and seats_held >= 0`,
    )
    // Capacity in the database too: no code path can take more seats than exist.
    .addCheckConstraint('workshops_capacity_check', sql`seats_taken + seats_held <= total_seats`)
    .addCheckConstraint('workshops_cutoff_check', sql`cancellation_cutoff_hours >= 0`)
    .addCheckConstraint(
      'workshops_unpaid_expiry_check',
      sql`unpaid_expiry_hours is null or unpaid_expiry_hours > 0`,
    )
    .addCheckConstraint('workshops_name_not_blank', sql`length(name) > 0`)
    .execute();
  await db.schema.createIndex('workshops_starts_at_idx').on('workshops').column('starts_at').execute();
  await db.schema.createIndex('workshops_category_idx').on('workshops').column('category_id').execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'integer', t.id)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('amount_due_clp', 'integer', (c) => c.notNull())
    .addColumn('amount_paid_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refund_due_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('PENDIENTE'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('cancelled_at', t.ts)
    .addColumn('expires_at', t.ts)
    .addColumn('attended_at', t.ts)
    .addCheckConstraint(
      'enrollments_status_check',
      inList('status', ['PENDIENTE', 'PAGADO', 'ABONADO', 'ANULADO']),
    )
    .addCheckConstraint(
      'enrollments_amounts_check',
      sql`amount_due_clp >= 0 and amount_paid_clp >= 0 and refund_due_clp >= 0 and amount_paid_clp <= amount_due_clp`,
    )
    .execute();
  // At most one active enrollment per customer and workshop; cancelled ones stay as history.
  await sql`create unique index enrollments_active_unique on enrollments (customer_id, workshop_id) where status <> 'ANULADO'`.execute(
    db,
  );
  await db.schema
    .createIndex('enrollments_workshop_idx')
    .on('enrollments')
    .columns(['workshop_id', 'status'])
    .execute();
  await db.schema.createIndex('enrollments_customer_idx').on('enrollments').column('customer_id').execute();
  await db.schema.createIndex('enrollments_created_at_idx').on('enrollments').column('created_at').execute();

  await db.schema
    .createTable('waitlist_entries')
    .addColumn('id', 'integer', t.id)
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('WAITING'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('offered_at', t.ts)
    .addColumn('offer_expires_at', t.ts)
    .addColumn('resolved_at', t.ts)
    .addCheckConstraint(
      'waitlist_status_check',
      inList('status', ['WAITING', 'OFFERED', 'ACCEPTED', 'EXPIRED', 'LEFT']),
    )
    .execute();
  await sql`create unique index waitlist_active_unique on waitlist_entries (workshop_id, customer_id) where status in ('WAITING', 'OFFERED')`.execute(
    db,
  );

  await db.schema
    .createTable('products')
    .addColumn('id', 'integer', t.id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('category_id', 'integer', (c) => c.references('interests.id').onDelete('set null'))
    .addColumn('price_clp', 'integer', (c) => c.notNull())
    .addColumn('is_available', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('image_path', 'varchar(255)')
    .addColumn('stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('products_price_check', sql`price_clp >= 0`)
    .addCheckConstraint('products_stock_check', sql`stock >= 0`)
    .addCheckConstraint('products_low_stock_check', sql`low_stock_threshold >= 0`)
    .addCheckConstraint('products_name_not_blank', sql`length(name) > 0`)
    .execute();

  await db.schema
    .createTable('cart_items')
    .addColumn('id', 'integer', t.id)
    .addColumn('session_id', 'varchar(128)')
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('cart_items_quantity_check', sql`quantity > 0`)
    .addCheckConstraint('cart_items_owner_check', sql`session_id is not null or customer_id is not null`)
    .execute();
  await sql`create unique index cart_items_session_product_unique on cart_items (session_id, product_id) where session_id is not null`.execute(
    db,
  );
  await sql`create unique index cart_items_customer_product_unique on cart_items (customer_id, product_id) where customer_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('sales')
    .addColumn('id', 'integer', t.id)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('total_clp', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('PENDIENTE'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('paid_at', t.ts)
    .addColumn('expires_at', t.ts)
    .addColumn('cancelled_at', t.ts)
    .addCheckConstraint('sales_status_check', inList('status', ['PENDIENTE', 'PAGADO', 'ANULADO']))
    .addCheckConstraint('sales_total_check', sql`total_clp >= 0`)
    .execute();
  await db.schema.createIndex('sales_customer_idx').on('sales').column('customer_id').execute();
  await db.schema.createIndex('sales_created_at_idx').on('sales').column('created_at').execute();

  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'integer', t.id)
    .addColumn('sale_id', 'integer', (c) => c.notNull().references('sales.id').onDelete('cascade'))
    // PROTECT in the original: a sold product cannot be deleted.
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('restrict'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_clp', 'integer', (c) => c.notNull())
    .addCheckConstraint('sale_lines_quantity_check', sql`quantity > 0`)
    .addCheckConstraint('sale_lines_price_check', sql`unit_price_clp >= 0`)
    .execute();
  await db.schema.createIndex('sale_lines_sale_idx').on('sale_lines').column('sale_id').execute();
  await db.schema.createIndex('sale_lines_product_idx').on('sale_lines').column('product_id').execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'integer', t.id)
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('cascade'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().defaultTo('PAYMENT'))
    .addColumn('amount_clp', 'integer', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('reference', 'varchar(100)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.unique())
    .addColumn('paid_at', t.ts, (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('payments_kind_check', inList('kind', ['PAYMENT', 'REFUND']))
    .addCheckConstraint(
      'payments_method_check',
      inList('method', ['simulado', 'efectivo', 'transferencia', 'tarjeta']),
    )
    .addCheckConstraint('payments_amount_check', sql`amount_clp > 0`)
    .addCheckConstraint(
      'payments_target_check',
      sql`(enrollment_id is not null and sale_id is null) or (enrollment_id is null and sale_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('payments_enrollment_idx').on('payments').column('enrollment_id').execute();
  await db.schema.createIndex('payments_sale_idx').on('payments').column('sale_id').execute();
  await db.schema.createIndex('payments_paid_at_idx').on('payments').column('paid_at').execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'integer', t.id)
    .addColumn('to_address', 'varchar(254)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('template', 'varchar(50)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('transactional'))
    .addColumn('attachments', 'text')
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('set null'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('set null'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('PENDING'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('locked_until', t.ts)
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('dedupe_key', 'varchar(150)', (c) => c.unique())
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('sent_at', t.ts)
    .addCheckConstraint(
      'email_outbox_status_check',
      inList('status', ['PENDING', 'SENDING', 'SENT', 'FAILED']),
    )
    .addCheckConstraint('email_outbox_kind_check', inList('kind', ['transactional', 'marketing']))
    .addCheckConstraint('email_outbox_attempts_check', sql`attempts >= 0`)
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('email_log')
    .addColumn('id', 'integer', t.id)
    .addColumn('outbox_id', 'integer', (c) => c.references('email_outbox.id').onDelete('set null'))
    .addColumn('recipient', 'varchar(254)')
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('error_message', 'text')
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('set null'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('set null'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('email_log_status_check', inList('status', ['SUCCESS', 'FAIL']))
    .execute();
  await db.schema.createIndex('email_log_created_at_idx').on('email_log').column('created_at').execute();
  await db.schema.createIndex('email_log_customer_idx').on('email_log').column('customer_id').execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'integer', t.id)
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('follow_up_on', t.date)
    .addColumn('follow_up_done_at', t.ts)
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint(
      'interactions_kind_check',
      inList('kind', ['call', 'whatsapp', 'email', 'meeting', 'note']),
    )
    .execute();
  await db.schema.createIndex('interactions_customer_idx').on('interactions').column('customer_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', t.id)
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('entity_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(10)', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull().defaultTo(t.now))
    .addCheckConstraint('audit_log_action_check', inList('action', ['create', 'update', 'delete']))
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  const tables = [
    'audit_log',
    'interactions',
    'email_log',
    'email_outbox',
    'payments',
    'sale_lines',
    'sales',
    'cart_items',
    'products',
    'waitlist_entries',
    'enrollments',
    'workshops',
    'customer_interests',
    'customers',
    'interests',
    'companies',
    'login_failures',
    'user_tokens',
    'sessions',
    'users',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
