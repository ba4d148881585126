import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.
// Every customer's and company's search text rebuilt the one way the customers module now builds
// it (name, e-mail, phone and the RUT as staff type it: "12345678-5", "12.345.678-5", "123456785").
// Sign-up, profile edits and enrollments used to build it their own way, without the RUT, and the
// backfill job only filled blanks, so customers who signed up with a RUT could not be found by it.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const searchable = (...parts: (string | null)[]) =>
  parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** "12345678-5" → "12.345.678-5" (the stored RUT is normalised: digits, dash, check digit). */
const withDots = (rut: string) => {
  const [body = '', dv = ''] = rut.split('-');
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
};
const rutForms = (rut: string | null) => (rut ? [rut, withDots(rut), rut.replace('-', '')] : []);

export async function up(db: AnyDb): Promise<void> {
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'full_name as name', 'email', 'phone', 'rut'])
    .execute();
  for (const c of customers) {
    await db
      .updateTable('customers')
      .set({ search_text: searchable(c.name, c.email, c.phone, ...rutForms(c.rut)) })
      .where('id', '=', c.id)
      .execute();
  }
  const companies = await db
    .selectFrom('companies')
    .select(['id', 'legal_name as name', 'rut', 'phone'])
    .execute();
  for (const c of companies) {
    await db
      .updateTable('companies')
      .set({ search_text: searchable(c.name, ...rutForms(c.rut), c.phone) })
      .where('id', '=', c.id)
      .execute();
  }
}

/** Nothing to undo: the search text is derived data, rebuilt whenever a row is saved. */
export async function down(): Promise<void> {}
