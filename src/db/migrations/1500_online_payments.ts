import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Real online payments (issue 16):
// - payment_attempts: one row per try at paying an enrollment or an order through Webpay or
//   Mercado Pago, with a unique buy order and provider token;
// - payment_provider_settings: which providers customers are offered (simulated on, the others off);
// - payments: methods 'webpay' and 'mercadopago', and attempt_id linking a ledger row to the attempt
//   that took or gave back the money (at most one PAYMENT row per attempt);
// - an ANULADO enrollment or sale keeps expires_at only when its unpaid hold lapsed (cancellations
//   clear it from now on), so a payment that arrives late can tell a lapsed hold from a cancellation.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const OLD_METHODS = ['simulado', 'efectivo', 'transferencia', 'tarjeta'];
const NEW_METHODS = [...OLD_METHODS, 'webpay', 'mercadopago'];

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const bool = pg ? ('boolean' as const) : ('integer' as const);
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('payment_attempts')
    .addColumn('id', 'integer', id)
    .addColumn('provider', 'varchar(16)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('cascade'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('cascade'))
    .addColumn('amount_clp', 'integer', (c) => c.notNull())
    .addColumn('buy_order', 'varchar(26)', (c) => c.notNull().unique())
    .addColumn('token', 'varchar(100)', (c) => c.unique())
    .addColumn('provider_payment_id', 'varchar(64)', (c) => c.unique())
    .addColumn('redirect_url', 'text')
    .addColumn('state', 'varchar(12)', (c) => c.notNull().defaultTo('created'))
    .addColumn('provider_status', 'varchar(40)')
    .addColumn('provider_response', 'text')
    .addColumn('refunded_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_refund_key', 'varchar(64)')
    .addColumn('issue', 'varchar(16)')
    .addColumn('issue_detail', 'text')
    .addColumn('check_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', ts)
    .addColumn('reconciliation', 'varchar(10)')
    .addColumn('reconciliation_detail', 'text')
    .addColumn('reconciled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('redirected_at', ts)
    .addColumn('returned_at', ts)
    .addColumn('settled_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('payment_attempts_provider_check', inList('provider', ['webpay', 'mercadopago']))
    .addCheckConstraint('payment_attempts_purpose_check', inList('purpose', ['enrollment', 'sale']))
    .addCheckConstraint(
      'payment_attempts_target_check',
      sql`(purpose = 'enrollment' and enrollment_id is not null and sale_id is null) or (purpose = 'sale' and sale_id is not null and enrollment_id is null)`,
    )
    .addCheckConstraint('payment_attempts_amount_check', sql`amount_clp > 0`)
    .addCheckConstraint(
      'payment_attempts_state_check',
      inList('state', ['created', 'redirected', 'authorized', 'rejected', 'aborted', 'expired', 'refunded']),
    )
    .addCheckConstraint(
      'payment_attempts_refunded_check',
      sql`refunded_clp >= 0 and refunded_clp <= amount_clp`,
    )
    .addCheckConstraint(
      'payment_attempts_issue_check',
      sql`issue is null or ${inList('issue', ['mismatch', 'refund_pending', 'auto_refunded'])}`,
    )
    .addCheckConstraint(
      'payment_attempts_reconciliation_check',
      sql`reconciliation is null or ${inList('reconciliation', ['matched', 'mismatch'])}`,
    )
    .execute();
  await db.schema
    .createIndex('payment_attempts_enrollment_idx')
    .on('payment_attempts')
    .column('enrollment_id')
    .execute();
  await db.schema.createIndex('payment_attempts_sale_idx').on('payment_attempts').column('sale_id').execute();
  // The sweeper's and the reconciliation's work lists, and the staff list by date.
  await db.schema
    .createIndex('payment_attempts_state_idx')
    .on('payment_attempts')
    .columns(['state', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payment_attempts_created_at_idx')
    .on('payment_attempts')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('payment_provider_settings')
    .addColumn('provider', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('is_enabled', bool, (c) => c.notNull())
    .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'payment_provider_settings_provider_check',
      inList('provider', ['simulated', 'webpay', 'mercadopago']),
    )
    .execute();
  await db
    .insertInto('payment_provider_settings')
    .values([
      { provider: 'simulated', is_enabled: pg ? true : 1 },
      { provider: 'webpay', is_enabled: pg ? false : 0 },
      { provider: 'mercadopago', is_enabled: pg ? false : 0 },
    ])
    .execute();

  if (pg) {
    await sql`alter table payments drop constraint payments_method_check`.execute(db);
    await sql`alter table payments add constraint payments_method_check check (${inList('method', NEW_METHODS)})`.execute(
      db,
    );
    await sql`alter table payments add column attempt_id integer references payment_attempts(id) on delete cascade`.execute(
      db,
    );
  } else {
    await rebuildSqlitePayments(db, NEW_METHODS, true);
  }
  await sql`create unique index payments_attempt_payment_unique on payments (attempt_id) where kind = 'PAYMENT'`.execute(
    db,
  );
  await db.schema.createIndex('payments_attempt_idx').on('payments').column('attempt_id').execute();

  await db
    .updateTable('enrollments')
    .set({ expires_at: null })
    .where('status', '=', 'ANULADO')
    .where('expires_at', 'is not', null)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('expires_at', '>', eb.ref('cancelled_at'))]))
    .execute();
  await db
    .updateTable('sales')
    .set({ expires_at: null })
    .where('status', '=', 'ANULADO')
    .where('expires_at', 'is not', null)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('expires_at', '>', eb.ref('cancelled_at'))]))
    .execute();
}

/**
 * SQLite cannot change a CHECK constraint in place: the documented way is a new table with the new
 * definition, a copy, a drop and a rename, in one transaction. The indexes are recreated from their
 * own stored SQL, so an index another migration added to payments survives too.
 */
async function rebuildSqlitePayments(db: AnyDb, methods: string[], withAttempt: boolean) {
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master
    where type = 'index' and tbl_name = 'payments' and sql is not null and name <> 'payments_attempt_payment_unique' and name <> 'payments_attempt_idx'
  `.execute(db);
  const attemptColumn = withAttempt
    ? sql`, attempt_id integer references payment_attempts(id) on delete cascade`
    : sql``;
  await db.transaction().execute(async (trx) => {
    await sql`
      create table payments_rebuilt (
        id integer primary key autoincrement,
        enrollment_id integer references enrollments(id) on delete cascade,
        sale_id integer references sales(id) on delete cascade,
        kind varchar(10) not null default 'PAYMENT',
        amount_clp integer not null,
        method varchar(16) not null,
        reference varchar(100) not null,
        idempotency_key varchar(100) unique,
        paid_at text not null,
        recorded_by_user_id integer references users(id) on delete set null,
        created_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        ${attemptColumn},
        constraint payments_kind_check check (kind in ('PAYMENT', 'REFUND')),
        constraint payments_method_check check (${inList('method', methods)}),
        constraint payments_amount_check check (amount_clp > 0),
        constraint payments_target_check check ((enrollment_id is not null and sale_id is null) or (enrollment_id is null and sale_id is not null))
      )
    `.execute(trx);
    const columns = sql.raw(
      'id, enrollment_id, sale_id, kind, amount_clp, method, reference, idempotency_key, paid_at, recorded_by_user_id, created_at',
    );
    await sql`insert into payments_rebuilt (${columns}) select ${columns} from payments`.execute(trx);
    await sql`drop table payments`.execute(trx);
    await sql`alter table payments_rebuilt rename to payments`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  });
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('payments_attempt_idx').execute();
  await db.schema.dropIndex('payments_attempt_payment_unique').execute();
  // The old methods cannot name the providers; card is what both took, and the ledger keeps its sums.
  await db
    .updateTable('payments')
    .set({ method: 'tarjeta' })
    .where('method', 'in', ['webpay', 'mercadopago'])
    .execute();
  if (isPg(db)) {
    await sql`alter table payments drop column attempt_id`.execute(db);
    await sql`alter table payments drop constraint payments_method_check`.execute(db);
    await sql`alter table payments add constraint payments_method_check check (${inList('method', OLD_METHODS)})`.execute(
      db,
    );
  } else {
    await rebuildSqlitePayments(db, OLD_METHODS, false);
  }
  await db.schema.dropTable('payment_provider_settings').execute();
  await db.schema.dropTable('payment_attempts').execute();
}
