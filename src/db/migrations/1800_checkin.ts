import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.
// Check-in at the door (issue 19): every enrollment has a ticket, a QR code with a token signed
// with a key kept here (one row, made once, 32 random bytes). The key lives with the data rather
// than being derived from SESSION_SECRET: confirmations are written inside domain transactions that
// never see the environment, and rotating the session secret (which logs everybody out) must not
// void tickets already printed or saved on phones.
// Attendance stays enrollments.attended_at; who checked the person in is new.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('ticket_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(100)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('ticket_keys')
    .values({ id: 1, secret: randomBytes(32).toString('base64url') })
    .execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('checked_in_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('checked_in_by_user_id').execute();
  await db.schema.dropTable('ticket_keys').execute();
}
