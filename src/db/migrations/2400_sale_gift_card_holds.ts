import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// A gift card pays part of a kit order (issue 17 part 4: "they pay all or part of any order").
// An order is paid in one go, so what a card gives before the rest is paid is held against the
// order: `sales.gift_card_clp` is what cards hold of its total (the rest is what a provider, the
// simulated page or staff charge), and each hold is a redeem entry on the card naming the order
// (`gift_card_entries.sale_id`) with no payment yet. When the order is paid each hold becomes a
// PAYMENT row of method 'tarjeta_regalo' and its entry names that payment; when the order is
// cancelled or lapses a refund entry naming the order gives the money back to the card.
// A redeem or refund entry therefore names a payment, an order, or both (a hold that was paid).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const OLD_SIGN_CHECK = sql.raw(
  `(kind = 'issue' and amount_clp > 0 and payment_id is null) or (kind = 'redeem' and amount_clp < 0 and payment_id is not null) or (kind = 'refund' and amount_clp > 0 and payment_id is not null) or (kind = 'adjustment' and amount_clp <> 0 and reason is not null and payment_id is null)`,
);
const NEW_SIGN_CHECK = sql.raw(
  `(kind = 'issue' and amount_clp > 0 and payment_id is null and sale_id is null) or (kind = 'redeem' and amount_clp < 0 and (payment_id is not null or sale_id is not null)) or (kind = 'refund' and amount_clp > 0 and (payment_id is not null or sale_id is not null)) or (kind = 'adjustment' and amount_clp <> 0 and reason is not null and payment_id is null and sale_id is null)`,
);

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('sales')
    .addColumn('gift_card_clp', 'integer', (c) => c.notNull().defaultTo(0).check(sql`gift_card_clp >= 0`))
    .execute();
  // Orders a card paid whole before this: their card payment is what cards paid of them.
  await sql`
    update sales set gift_card_clp = (
      select coalesce(sum(amount_clp), 0) from payments
      where payments.sale_id = sales.id and payments.kind = 'PAYMENT' and payments.method = 'tarjeta_regalo'
    )
    where exists (
      select 1 from payments where payments.sale_id = sales.id and payments.method = 'tarjeta_regalo'
    )
  `.execute(db);
  if (isPg(db)) {
    await db.schema
      .alterTable('gift_card_entries')
      .addColumn('sale_id', 'integer', (c) => c.references('sales.id').onDelete('restrict'))
      .execute();
    await sql`alter table gift_card_entries drop constraint gift_card_entries_sign_check`.execute(db);
    await sql`alter table gift_card_entries add constraint gift_card_entries_sign_check check (${NEW_SIGN_CHECK})`.execute(
      db,
    );
  } else await rebuildEntriesSqlite(db, true);
  await db.schema
    .createIndex('gift_card_entries_sale_idx')
    .on('gift_card_entries')
    .column('sale_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('gift_card_entries_sale_idx').execute();
  // Holds never paid have no payment to stand on under the old rule: they go with the column.
  await db
    .deleteFrom('gift_card_entries')
    .where('payment_id', 'is', null)
    .where('sale_id', 'is not', null)
    .execute();
  if (isPg(db)) {
    await sql`alter table gift_card_entries drop constraint gift_card_entries_sign_check`.execute(db);
    await sql`alter table gift_card_entries add constraint gift_card_entries_sign_check check (${OLD_SIGN_CHECK})`.execute(
      db,
    );
    await db.schema.alterTable('gift_card_entries').dropColumn('sale_id').execute();
  } else await rebuildEntriesSqlite(db, false);
  await db.schema.alterTable('sales').dropColumn('gift_card_clp').execute();
}

/**
 * SQLite cannot change a CHECK in place: gift_card_entries (referenced by nothing) is rebuilt with
 * the new definition in one transaction, its rows copied and its indexes recreated from their SQL.
 */
async function rebuildEntriesSqlite(db: AnyDb, withSale: boolean) {
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = 'gift_card_entries' and sql is not null
  `.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`
      create table gift_card_entries_rebuilt (
        id integer primary key autoincrement,
        gift_card_id integer not null references gift_cards(id) on delete restrict,
        kind varchar(12) not null check (kind in ('issue', 'redeem', 'refund', 'adjustment')),
        amount_clp integer not null,
        payment_id integer unique references payments(id) on delete restrict,
        reason varchar(300),
        user_id integer references users(id) on delete set null,
        created_at text not null,
        ${withSale ? sql`sale_id integer references sales(id) on delete restrict,` : sql``}
        constraint gift_card_entries_sign_check check (${withSale ? NEW_SIGN_CHECK : OLD_SIGN_CHECK})
      )
    `.execute(trx);
    const columns = sql.raw('id, gift_card_id, kind, amount_clp, payment_id, reason, user_id, created_at');
    await sql`insert into gift_card_entries_rebuilt (${columns}) select ${columns} from gift_card_entries`.execute(
      trx,
    );
    await sql`drop table gift_card_entries`.execute(trx);
    await sql`alter table gift_card_entries_rebuilt rename to gift_card_entries`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  });
}
