import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Gift cards ("tarjetas de regalo", issue 17 part 4).
//
// A gift card is sold in the shop as a line of an order: `products` gets a kind 'gift_card' and one
// such product (not in the catalogue: the amount is the customer's, the line's unit price), and a
// card row is written with the order, PENDIENTE, holding its recipient until the order is paid.
// Its money is the ledger `gift_card_entries` in CLP: issue (+), redeem (−, a payment of method
// 'tarjeta_regalo'), refund (+, that payment given back) and staff adjustments with a reason, never
// edited; a balance is a sum. `last_entry_at` is written by every spend, so the card row is the lock
// that serialises two spends of one card.
//
// The code is never stored: only its SHA-256 (to find the card when a customer types it) and its
// last four characters (what staff see), written when the card is issued. The printable page's
// token is stored the same way; the code is derived from that token.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const OLD_KINDS = ['kit', 'pack'] as const;
const NEW_KINDS = ['kit', 'pack', 'gift_card'] as const;
const OLD_METHODS = ['simulado', 'efectivo', 'transferencia', 'tarjeta', 'webpay', 'mercadopago'] as const;
const NEW_METHODS = [...OLD_METHODS, 'tarjeta_regalo'] as const;
const CARD_STATUSES = ['PENDIENTE', 'ACTIVA', 'ANULADA'] as const;
const ENTRY_KINDS = ['issue', 'redeem', 'refund', 'adjustment'] as const;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await setProductKinds(db, NEW_KINDS);
  await setPaymentMethods(db, NEW_METHODS);
  await db
    .insertInto('products')
    .values({
      name: 'Tarjeta de regalo',
      description: 'Una tarjeta de regalo por el monto que elijas, enviada por correo a quien la recibe.',
      price_clp: 0,
      is_available: pg ? false : 0,
      stock: 0,
      kind: 'gift_card',
    })
    .execute();

  await db.schema
    .createTable('gift_cards')
    .addColumn('id', 'integer', id)
    .addColumn('code_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('code_last4', 'varchar(4)')
    .addColumn('token_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('sale_id', 'integer', (c) => c.notNull().references('sales.id').onDelete('restrict'))
    .addColumn('sale_line_id', 'integer', (c) =>
      c.notNull().unique().references('sale_lines.id').onDelete('restrict'),
    )
    .addColumn('buyer_customer_id', 'integer', (c) =>
      c.notNull().references('customers.id').onDelete('restrict'),
    )
    .addColumn('recipient_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('recipient_email', 'varchar(254)', (c) => c.notNull())
    .addColumn('message', 'varchar(500)')
    .addColumn('amount_clp', 'integer', (c) => c.notNull().check(sql`amount_clp > 0`))
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().defaultTo('PENDIENTE').check(inList('status', CARD_STATUSES)),
    )
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('issued_at', ts)
    .addColumn('expires_at', ts)
    .addColumn('last_entry_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'gift_cards_issued_check',
      sql`(status = 'PENDIENTE' and issued_at is null and code_hash is null) or (status = 'ACTIVA' and issued_at is not null and expires_at is not null and code_hash is not null and code_last4 is not null and token_hash is not null) or status = 'ANULADA'`,
    )
    .execute();
  await db.schema.createIndex('gift_cards_buyer_idx').on('gift_cards').column('buyer_customer_id').execute();
  await db.schema.createIndex('gift_cards_sale_idx').on('gift_cards').column('sale_id').execute();
  await db.schema
    .createIndex('gift_cards_status_expiry_idx')
    .on('gift_cards')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('gift_card_entries')
    .addColumn('id', 'integer', id)
    .addColumn('gift_card_id', 'integer', (c) => c.notNull().references('gift_cards.id').onDelete('restrict'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull().check(inList('kind', ENTRY_KINDS)))
    .addColumn('amount_clp', 'integer', (c) => c.notNull())
    .addColumn('payment_id', 'integer', (c) => c.unique().references('payments.id').onDelete('restrict'))
    .addColumn('reason', 'varchar(300)')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'gift_card_entries_sign_check',
      sql`(kind = 'issue' and amount_clp > 0 and payment_id is null) or (kind = 'redeem' and amount_clp < 0 and payment_id is not null) or (kind = 'refund' and amount_clp > 0 and payment_id is not null) or (kind = 'adjustment' and amount_clp <> 0 and reason is not null and payment_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('gift_card_entries_card_idx')
    .on('gift_card_entries')
    .column('gift_card_id')
    .execute();
  // One issue per card: issuing twice for the same paid order is refused by the database.
  await sql`create unique index gift_card_entries_issue_unique on gift_card_entries (gift_card_id) where kind = 'issue'`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('gift_card_entries').execute();
  await db.schema.dropTable('gift_cards').execute();
  await db.deleteFrom('payments').where('method', '=', 'tarjeta_regalo').execute();
  await db.deleteFrom('products').where('kind', '=', 'gift_card').execute();
  await setPaymentMethods(db, OLD_METHODS);
  await setProductKinds(db, OLD_KINDS);
}

/**
 * products.kind's CHECK with another list. SQLite cannot change a CHECK in place, and products is
 * referenced by half the schema (rebuilding it means turning foreign keys off), so the column is
 * swapped instead: a new column with the new CHECK, a copy, the old one dropped, the new renamed.
 */
async function setProductKinds(db: AnyDb, kinds: readonly string[]) {
  if (isPg(db)) {
    await sql`alter table products drop constraint products_kind_check`.execute(db);
    await sql`alter table products add constraint products_kind_check check (${inList('kind', kinds)})`.execute(
      db,
    );
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`alter table products add column kind_next varchar(10) not null default 'kit' check (${inList('kind_next', kinds)})`.execute(
      trx,
    );
    await sql`update products set kind_next = kind`.execute(trx);
    await sql`alter table products drop column kind`.execute(trx);
    await sql`alter table products rename column kind_next to kind`.execute(trx);
  });
}

/**
 * payments.method's CHECK with another list. On SQLite the table is rebuilt (nothing references
 * payments but gift_card_entries, created after this and dropped before it): a new table with the
 * new definition, a copy, a drop and a rename in one transaction, its indexes recreated from their
 * stored SQL.
 */
async function setPaymentMethods(db: AnyDb, methods: readonly string[]) {
  if (isPg(db)) {
    await sql`alter table payments drop constraint payments_method_check`.execute(db);
    await sql`alter table payments add constraint payments_method_check check (${inList('method', methods)})`.execute(
      db,
    );
    return;
  }
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = 'payments' and sql is not null
  `.execute(db);
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
        created_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        attempt_id integer references payment_attempts(id) on delete cascade,
        constraint payments_kind_check check (kind in ('PAYMENT', 'REFUND')),
        constraint payments_method_check check (${inList('method', methods)}),
        constraint payments_amount_check check (amount_clp > 0),
        constraint payments_target_check check ((enrollment_id is not null and sale_id is null) or (enrollment_id is null and sale_id is not null))
      )
    `.execute(trx);
    const columns = sql.raw(
      'id, enrollment_id, sale_id, kind, amount_clp, method, reference, idempotency_key, paid_at, recorded_by_user_id, created_at, attempt_id',
    );
    await sql`insert into payments_rebuilt (${columns}) select ${columns} from payments`.execute(trx);
    await sql`drop table payments`.execute(trx);
    await sql`alter table payments_rebuilt rename to payments`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  });
}
