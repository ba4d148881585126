import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: imports nothing from the application.
// Locations (sedes, issue 18 part 4): where workshops happen, with rooms; every workshop belongs to
// one. The centre had one place until now, so this creates it from the centre's address (the
// CENTRE_ADDRESS of this installation, read from the environment as config does, or its default)
// and gives it every existing workshop. `workshops.location_id` stays nullable in the schema
// (SQLite cannot add a NOT NULL column with a foreign key) and the workshops module always sets it.
// Staff may be limited to some locations: user_locations lists them (none = every location).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;
const DEFAULT_ADDRESS = 'Almirante Montt 123, Cerro Alegre, Valparaíso';

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  const ts = pg ? ('timestamptz' as const) : ('text' as const);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('locations')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('maps_url', 'varchar(500)')
    // One room a line ("Sala grande\nTaller de cerámica").
    .addColumn('rooms', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_locations')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_locations_pk', ['user_id', 'location_id'])
    .execute();

  await db.schema
    .alterTable('workshops')
    .addColumn('location_id', 'integer', (c) => c.references('locations.id'))
    .execute();
  // A series' sessions are made in its location.
  await db.schema
    .alterTable('series')
    .addColumn('location_id', 'integer', (c) => c.references('locations.id'))
    .execute();
  await db.schema
    .createIndex('workshops_location_idx')
    .on('workshops')
    .columns(['location_id', 'starts_at'])
    .execute();

  const address = process.env.CENTRE_ADDRESS?.trim() || DEFAULT_ADDRESS;
  const now = new Date().toISOString();
  const created = await db
    .insertInto('locations')
    .values({
      name: 'Sede principal',
      address,
      maps_url: null,
      rooms: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('workshops').set({ location_id: created.id }).execute();
  await db.updateTable('series').set({ location_id: created.id }).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('workshops_location_idx').execute();
  await db.schema.alterTable('series').dropColumn('location_id').execute();
  await db.schema.alterTable('workshops').dropColumn('location_id').execute();
  await db.schema.dropTable('user_locations').execute();
  await db.schema.dropTable('locations').execute();
}
