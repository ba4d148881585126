import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Signed webhooks and the embeddable widget (issue 20). An endpoint is a URL an admin registers
// with the events it wants and a secret that signs every request. Each event a change records
// becomes one delivery per subscribed endpoint, written in the change's own transaction; the
// delivery keeps its body and message id for every retry, and each try is one attempt row (its
// status code, an excerpt of the answer, how long it took). Deliveries and attempts are kept 30
// days. The widget's origins are the sites allowed to frame the booking widget.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const bool = pg ? ('boolean' as const) : ('integer' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'integer', id)
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .addColumn('description', 'varchar(200)')
    // The subscribed event types, comma-separated ("enrollment.created,sale.paid").
    .addColumn('events', 'varchar(500)', (c) => c.notNull())
    // Kept readable: every request is signed with it (Standard Webhooks "whsec_…").
    .addColumn('secret', 'varchar(100)', (c) => c.notNull())
    .addColumn('is_enabled', bool, (c) => c.notNull().defaultTo(pg ? sql`true` : sql`1`))
    .addColumn('disabled_reason', 'varchar(300)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'integer', id)
    .addColumn('endpoint_id', 'integer', (c) =>
      c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull().defaultTo('PENDING'))
    // Tries since the last (re)start of its schedule; the attempt rows keep every try.
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('delivered_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'webhook_deliveries_status_check',
      sql`status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')`,
    )
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint_idx')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_created_idx')
    .on('webhook_deliveries')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'integer', id)
    .addColumn('delivery_id', 'integer', (c) =>
      c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('attempted_at', ts, (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_excerpt', 'varchar(500)')
    .addColumn('error', 'varchar(300)')
    .addColumn('is_success', bool, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery_idx')
    .on('webhook_attempts')
    .column('delivery_id')
    .execute();

  await db.schema
    .createTable('widget_origins')
    .addColumn('id', 'integer', id)
    .addColumn('origin', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('widget_origins').execute();
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
