import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: imports nothing from the application.
// Marketing e-mail becomes an explicit opt-in at sign-up (issue 14): the sign-up form carries an
// unticked box, and when it is ticked the time is kept with the pending sign-up and then with the
// customer. Existing customers keep their current state (no consent time is invented for them:
// marketing_consent_at stays empty and is_marketing_opt_out is unchanged).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const ts = isPg(db) ? ('timestamptz' as const) : ('text' as const);
  await db.schema.alterTable('customers').addColumn('marketing_consent_at', ts).execute();
  await db.schema.alterTable('signup_requests').addColumn('marketing_consent_at', ts).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('signup_requests').dropColumn('marketing_consent_at').execute();
  await db.schema.alterTable('customers').dropColumn('marketing_consent_at').execute();
}
