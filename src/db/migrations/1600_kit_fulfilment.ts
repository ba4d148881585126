import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Kit orders that can be handed over (issue 14): each order is picked up at the studio (free) or
// delivered to an address, with the shipping cost of its region as part of what it costs; staff
// move it through por preparar → preparado → listo para retiro | despachado → entregado, and the
// time of each step is kept. Shipping prices live per Chilean region (the 16 of them), set by
// staff; a new install starts with every region unavailable until staff give it a price.
//
// Orders placed before this migration become pickups (the only way the studio handed kits over).
// Paid ones become "entregado": they were handed over by hand before there was anything to record,
// and leaving a year of them "por preparar" would bury the orders that really need work. Their
// delivery time stays empty: nobody knows it.
//
// The rules between columns (an address for every delivery, "listo para retiro" only for pickups,
// nothing but "por preparar" before payment) are checked by `tmm check`, not by CHECKs: SQLite
// cannot add a table constraint to an existing table.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const METHODS = ['pickup', 'delivery'] as const;
const STATUSES = ['POR_PREPARAR', 'PREPARADO', 'LISTO_PARA_RETIRO', 'DESPACHADO', 'ENTREGADO'] as const;

/** Chile's regions from north to south, with their ISO 3166-2:CL codes, as of this migration. */
const REGIONS: [code: string, name: string][] = [
  ['AP', 'Arica y Parinacota'],
  ['TA', 'Tarapacá'],
  ['AN', 'Antofagasta'],
  ['AT', 'Atacama'],
  ['CO', 'Coquimbo'],
  ['VS', 'Valparaíso'],
  ['RM', 'Metropolitana'],
  ['LI', "O'Higgins"],
  ['ML', 'Maule'],
  ['NB', 'Ñuble'],
  ['BI', 'Biobío'],
  ['AR', 'La Araucanía'],
  ['LR', 'Los Ríos'],
  ['LL', 'Los Lagos'],
  ['AI', 'Aysén'],
  ['MA', 'Magallanes'],
];

const TIMESTAMPS = ['prepared_at', 'ready_at', 'shipped_at', 'delivered_at'] as const;
const TEXTS: [name: string, type: `varchar(${number})`][] = [
  ['delivery_recipient', 'varchar(150)'],
  ['delivery_phone', 'varchar(20)'],
  ['delivery_street', 'varchar(200)'],
  ['delivery_comuna', 'varchar(100)'],
  ['delivery_region', 'varchar(60)'],
  ['delivery_notes', 'varchar(300)'],
  ['courier', 'varchar(100)'],
  ['tracking_code', 'varchar(100)'],
];

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const bool = pg ? ('boolean' as const) : ('integer' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('shipping_rates')
    .addColumn('id', 'integer', id)
    .addColumn('region_code', 'varchar(5)', (c) => c.notNull().unique())
    .addColumn('region_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('price_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_available', bool, (c) => c.notNull().defaultTo(pg ? sql`false` : sql`0`))
    .addColumn('updated_at', ts)
    .addCheckConstraint('shipping_rates_price_check', sql`price_clp >= 0`)
    .execute();
  await db
    .insertInto('shipping_rates')
    .values(
      REGIONS.map(([code, name], i) => ({
        region_code: code,
        region_name: name,
        position: i + 1,
        price_clp: 0,
        is_available: pg ? false : 0,
      })),
    )
    .execute();

  await db.schema
    .alterTable('sales')
    .addColumn('fulfilment_method', 'varchar(10)', (c) =>
      c.notNull().defaultTo('pickup').check(inList('fulfilment_method', METHODS)),
    )
    .execute();
  await db.schema
    .alterTable('sales')
    .addColumn('fulfilment_status', 'varchar(20)', (c) =>
      c.notNull().defaultTo('POR_PREPARAR').check(inList('fulfilment_status', STATUSES)),
    )
    .execute();
  await db.schema
    .alterTable('sales')
    .addColumn('shipping_clp', 'integer', (c) => c.notNull().defaultTo(0).check(sql`shipping_clp >= 0`))
    .execute();
  for (const [name, type] of TEXTS) await db.schema.alterTable('sales').addColumn(name, type).execute();
  for (const name of TIMESTAMPS) await db.schema.alterTable('sales').addColumn(name, ts).execute();

  await db
    .updateTable('sales')
    .set({ fulfilment_status: 'ENTREGADO' })
    .where('status', '=', 'PAGADO')
    .execute();
  // The back office's "por preparar", "por despachar"… filters.
  await db.schema
    .createIndex('sales_fulfilment_idx')
    .on('sales')
    .columns(['fulfilment_status', 'fulfilment_method'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('sales_fulfilment_idx').execute();
  for (const name of [...TIMESTAMPS].reverse())
    await db.schema.alterTable('sales').dropColumn(name).execute();
  for (const [name] of [...TEXTS].reverse()) await db.schema.alterTable('sales').dropColumn(name).execute();
  for (const name of ['shipping_clp', 'fulfilment_status', 'fulfilment_method'])
    await db.schema.alterTable('sales').dropColumn(name).execute();
  await db.schema.dropTable('shipping_rates').execute();
}
