import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Class packs ("bonos") and company seat bundles (issue 17).
//
// A pack product is a row of `products` of kind 'pack' (name, description, price, availability,
// image: so the shop, the cart, the checkout, the payment page and the receipts sell it like a kit,
// without stock) plus its terms in `pack_products` (credits, validity, which workshops or
// categories it covers, whether online workshops count). Empty coverage lists mean every workshop.
//
// `packs` holds what a customer bought (one row per unit sold) and what staff assigned to a company
// (a seat bundle: company_id instead of customer_id, no product). Their credits are the ledger
// `pack_credit_entries`: one signed row per purchase, redemption, refund, forfeit, expiry or staff
// adjustment, never edited; a balance is a sum. `last_entry_at` is written by every spend so the
// pack row is the lock that serialises two spends of the same pack (see packs.service.ts).
// `enrollments.paid_with` says an enrollment was paid with a pack credit or a company seat.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const KINDS = ['kit', 'pack'] as const;
const PAID_WITH = ['pack_credit', 'company_seat'] as const;
const PACK_STATUSES = ['ACTIVO', 'VENCIDO', 'ANULADO'] as const;
const ENTRY_KINDS = ['purchase', 'redeem', 'refund', 'forfeit', 'expire', 'adjustment'] as const;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const bool = pg ? ('boolean' as const) : ('integer' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .alterTable('products')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().defaultTo('kit').check(inList('kind', KINDS)))
    .execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('paid_with', 'varchar(20)', (c) => c.check(inList('paid_with', PAID_WITH)))
    .execute();

  await db.schema
    .createTable('pack_products')
    .addColumn('id', 'integer', id)
    .addColumn('product_id', 'integer', (c) =>
      c.notNull().unique().references('products.id').onDelete('cascade'),
    )
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits between 1 and 500`))
    .addColumn('validity_days', 'integer', (c) => c.notNull().check(sql`validity_days between 1 and 1830`))
    .addColumn('is_online_included', bool, (c) => c.notNull().defaultTo(pg ? sql`true` : sql`1`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('pack_product_categories')
    .addColumn('pack_product_id', 'integer', (c) =>
      c.notNull().references('pack_products.id').onDelete('cascade'),
    )
    .addColumn('category_id', 'integer', (c) => c.notNull().references('interests.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pack_product_categories_pk', ['pack_product_id', 'category_id'])
    .execute();
  await db.schema
    .createTable('pack_product_workshops')
    .addColumn('pack_product_id', 'integer', (c) =>
      c.notNull().references('pack_products.id').onDelete('cascade'),
    )
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pack_product_workshops_pk', ['pack_product_id', 'workshop_id'])
    .execute();

  await db.schema
    .createTable('packs')
    .addColumn('id', 'integer', id)
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('restrict'))
    .addColumn('company_id', 'integer', (c) => c.references('companies.id').onDelete('restrict'))
    .addColumn('pack_product_id', 'integer', (c) => c.references('pack_products.id').onDelete('set null'))
    .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('restrict'))
    .addColumn('sale_line_id', 'integer', (c) => c.references('sale_lines.id').onDelete('restrict'))
    .addColumn('unit_no', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('name', 'varchar(150)', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits > 0`))
    .addColumn('price_clp', 'integer', (c) => c.notNull().check(sql`price_clp >= 0`))
    .addColumn('is_online_included', bool, (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().defaultTo('ACTIVO').check(inList('status', PACK_STATUSES)),
    )
    .addColumn('contact_customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('note', 'varchar(300)')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('purchased_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addColumn('reminded_at', ts)
    .addColumn('last_entry_at', ts, (c) => c.notNull())
    .addCheckConstraint('packs_owner_check', sql`(customer_id is null) <> (company_id is null)`)
    .execute();
  // One pack per unit of a paid line: issuing twice for the same sale is refused by the database.
  await db.schema
    .createIndex('packs_sale_line_unit_idx')
    .on('packs')
    .columns(['sale_line_id', 'unit_no'])
    .unique()
    .execute();
  await db.schema
    .createIndex('packs_customer_idx')
    .on('packs')
    .columns(['customer_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('packs_company_idx')
    .on('packs')
    .columns(['company_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('packs_status_expiry_idx')
    .on('packs')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('pack_credit_entries')
    .addColumn('id', 'integer', id)
    .addColumn('pack_id', 'integer', (c) => c.notNull().references('packs.id').onDelete('restrict'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull().check(inList('kind', ENTRY_KINDS)))
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('enrollment_id', 'integer', (c) => c.references('enrollments.id').onDelete('restrict'))
    .addColumn('reason', 'varchar(300)')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'pack_credit_entries_sign_check',
      sql`(kind in ('purchase', 'refund') and credits > 0) or (kind in ('redeem', 'expire') and credits < 0) or (kind = 'forfeit' and credits <= 0) or (kind = 'adjustment' and credits <> 0 and reason is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('pack_credit_entries_pack_idx')
    .on('pack_credit_entries')
    .column('pack_id')
    .execute();
  // An enrollment redeems once and gets its credit back (or loses it) once.
  await db.schema
    .createIndex('pack_credit_entries_enrollment_idx')
    .on('pack_credit_entries')
    .columns(['enrollment_id', 'kind'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('pack_credit_entries').execute();
  await db.schema.dropTable('packs').execute();
  await db.schema.dropTable('pack_product_workshops').execute();
  await db.schema.dropTable('pack_product_categories').execute();
  await db.schema.dropTable('pack_products').execute();
  await db.schema.alterTable('enrollments').dropColumn('paid_with').execute();
  await db.schema.alterTable('products').dropColumn('kind').execute();
}
