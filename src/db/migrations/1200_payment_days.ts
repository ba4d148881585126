import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// Money in per Santiago day and report dimension (source, category, modality, customer type,
// company), so reports over long ranges add up a few thousand rows instead of every payment. The
// payments module keeps it from here on (src/domain/payments/payment-days.ts); this fills it from
// the payments already recorded, with the same rules as of this migration: refunds negative, a
// purchase counted on the day of its first payment, a kit order's payment spread over its lines
// in whole pesos (largest remainder). "None" is 0 or '' so one unique key holds on both databases.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Santiago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const santiagoDay = (iso: string) => dayFormat.format(new Date(iso));

function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.trunc);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: Math.abs(e - Math.trunc(e)) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left === 0) break;
    const step = Math.sign(left);
    parts[i] = (parts[i] ?? 0) + step;
    left -= step;
  }
  return parts;
}

type Row = {
  day: string;
  source: string;
  category_id: number;
  modality: string;
  customer_type: string;
  company_id: number;
  amount_clp: number;
  gross_clp: number;
  purchases: number;
};

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('payment_days')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('talleres', 'kits')`))
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('customer_type', 'text', (c) => c.notNull())
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('amount_clp', 'bigint', (c) => c.notNull())
    .addColumn('gross_clp', 'bigint', (c) => c.notNull())
    .addColumn('purchases', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_days_pkey', [
      'day',
      'source',
      'category_id',
      'modality',
      'customer_type',
      'company_id',
    ])
    .execute();

  const payments = await db
    .selectFrom('payments')
    .leftJoin('enrollments', 'enrollments.id', 'payments.enrollment_id')
    .leftJoin('workshops', 'workshops.id', 'enrollments.workshop_id')
    .leftJoin('sales', 'sales.id', 'payments.sale_id')
    .leftJoin('customers', (join) =>
      join.on('customers.id', '=', sql`coalesce(enrollments.customer_id, sales.customer_id)`),
    )
    // Aliases without underscores read the same with or without a CamelCasePlugin on the connection.
    .select([
      'payments.id',
      'payments.sale_id as saleid',
      'payments.paid_at as paidat',
      'payments.kind',
      'payments.amount_clp as amount',
      'workshops.category_id as category',
      'workshops.modality',
      'customers.customer_type as customertype',
      'customers.company_id as company',
    ])
    .orderBy('payments.id')
    .execute();
  const firsts = await db
    .selectFrom('payments')
    .select(sql<number>`min(id)`.as('id'))
    .where('kind', '=', 'PAYMENT')
    .groupBy(['enrollment_id', 'sale_id'])
    .execute();
  const firstIds = new Set(firsts.map((f) => Number(f.id)));
  const lines = new Map<number, { category: number; amount: number }[]>();
  const lineRows = await db
    .selectFrom('sale_lines')
    .innerJoin('products', 'products.id', 'sale_lines.product_id')
    .select([
      'sale_lines.sale_id as saleid',
      'products.category_id as category',
      sql<number>`sale_lines.quantity * sale_lines.unit_price_clp`.as('amount'),
    ])
    .orderBy('sale_lines.id')
    .execute();
  for (const l of lineRows)
    lines.set(l.saleid, [
      ...(lines.get(l.saleid) ?? []),
      { category: l.category ?? 0, amount: Number(l.amount) },
    ]);

  const days = new Map<string, Row>();
  const add = (r: Row) => {
    const key = [r.day, r.source, r.category_id, r.modality, r.customer_type, r.company_id].join('|');
    const m = days.get(key);
    if (m) {
      m.amount_clp += r.amount_clp;
      m.gross_clp += r.gross_clp;
      m.purchases += r.purchases;
    } else days.set(key, { ...r });
  };
  for (const p of payments) {
    const day = santiagoDay(p.paidat instanceof Date ? p.paidat.toISOString() : p.paidat);
    const amount = Number(p.amount);
    const signed = p.kind === 'REFUND' ? -amount : amount;
    const gross = p.kind === 'PAYMENT' ? amount : 0;
    const purchases = p.kind === 'PAYMENT' && firstIds.has(Number(p.id)) ? 1 : 0;
    const customer = { customer_type: p.customertype ?? 'B2C', company_id: p.company ?? 0 };
    if (p.saleid === null) {
      add({
        day,
        source: 'talleres',
        category_id: p.category ?? 0,
        modality: p.modality ?? 'PRESENCIAL',
        ...customer,
        amount_clp: signed,
        gross_clp: gross,
        purchases,
      });
      continue;
    }
    const saleLines = lines.get(p.saleid) ?? [{ category: 0, amount: 1 }];
    const weights = saleLines.map((l) => l.amount);
    const amounts = split(signed, weights);
    const grosses = split(gross, weights);
    saleLines.forEach((l, i) => {
      add({
        day,
        source: 'kits',
        category_id: l.category,
        modality: '',
        ...customer,
        amount_clp: amounts[i] ?? 0,
        gross_clp: grosses[i] ?? 0,
        purchases: i === 0 ? purchases : 0,
      });
    });
  }
  const rows = [...days.values()];
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('payment_days')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('payment_days').execute();
}
