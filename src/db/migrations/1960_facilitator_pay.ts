import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
// How facilitators are paid: pay rules (per facilitator by default, or per workshop; fixed per
// session, per attendee or a share of revenue; an optional bonus; an effective date), pay periods
// that staff close, and the pay lines a close writes — a snapshot of the rule and its inputs that
// never changes afterwards. The boleta de honorarios withholding rate is a setting in the database.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then
type AnyDb = Kysely<any>;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const KINDS = ['fixed', 'per_attendee', 'revenue_share'];
const BASES = ['booked', 'attended'];

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';
  const date = pg ? 'date' : 'text';
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('pay_rules')
    .addColumn('id', 'integer', id)
    .addColumn('facilitator_id', 'integer', (c) => c.references('facilitators.id').onDelete('cascade'))
    .addColumn('workshop_id', 'integer', (c) => c.references('workshops.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('amount_clp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('percent_bp', 'integer')
    .addColumn('attendee_basis', 'varchar(10)', (c) => c.notNull().defaultTo('attended'))
    .addColumn('bonus_threshold', 'integer')
    .addColumn('bonus_clp', 'integer')
    .addColumn('effective_from', date, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint(
      'pay_rules_scope_check',
      sql`(facilitator_id is not null and workshop_id is null) or (facilitator_id is null and workshop_id is not null)`,
    )
    .addCheckConstraint('pay_rules_kind_check', inList('kind', KINDS))
    .addCheckConstraint('pay_rules_basis_check', inList('attendee_basis', BASES))
    .addCheckConstraint('pay_rules_amount_check', sql`amount_clp >= 0`)
    .addCheckConstraint(
      'pay_rules_percent_check',
      sql`(kind = 'revenue_share' and percent_bp is not null and percent_bp between 1 and 10000) or (kind <> 'revenue_share' and percent_bp is null)`,
    )
    .addCheckConstraint(
      'pay_rules_bonus_check',
      sql`(bonus_threshold is null and bonus_clp is null) or (bonus_threshold >= 0 and bonus_clp > 0)`,
    )
    .execute();
  // One rule per scope and date: "from this date on" has one answer.
  await sql`create unique index pay_rules_facilitator_date_unique on pay_rules (facilitator_id, effective_from) where facilitator_id is not null`.execute(
    db,
  );
  await sql`create unique index pay_rules_workshop_date_unique on pay_rules (workshop_id, effective_from) where workshop_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('pay_periods')
    .addColumn('id', 'integer', id)
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date, (c) => c.notNull())
    .addColumn('withholding_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('closed_at', ts, (c) => c.notNull())
    .addColumn('closed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('pay_periods_range_check', sql`ends_on >= starts_on`)
    .addCheckConstraint('pay_periods_rate_check', sql`withholding_rate_bp between 0 and 10000`)
    .execute();

  // A snapshot: the workshop, the rule and the inputs are copied, not referenced, so later edits
  // (a renamed workshop, a deleted rule) change nothing here. The unique workshop_id means a
  // session is paid once, whichever period it falls in.
  await db.schema
    .createTable('pay_lines')
    .addColumn('id', 'integer', id)
    .addColumn('period_id', 'integer', (c) => c.notNull().references('pay_periods.id'))
    .addColumn('facilitator_id', 'integer', (c) => c.notNull().references('facilitators.id'))
    .addColumn('workshop_id', 'integer', (c) => c.notNull().unique())
    .addColumn('workshop_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('rule_id', 'integer')
    .addColumn('rule_scope', 'varchar(16)')
    .addColumn('rule_kind', 'varchar(16)')
    .addColumn('rule_amount_clp', 'integer')
    .addColumn('rule_percent_bp', 'integer')
    .addColumn('rule_basis', 'varchar(10)')
    .addColumn('rule_bonus_threshold', 'integer')
    .addColumn('rule_bonus_clp', 'integer')
    .addColumn('rule_effective_from', date)
    .addColumn('booked_count', 'integer', (c) => c.notNull())
    .addColumn('attended_count', 'integer', (c) => c.notNull())
    .addColumn('revenue_clp', 'integer', (c) => c.notNull())
    .addColumn('base_clp', 'integer', (c) => c.notNull())
    .addColumn('bonus_clp', 'integer', (c) => c.notNull())
    .addColumn('gross_clp', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'pay_lines_gross_check',
      sql`gross_clp = base_clp + bonus_clp and base_clp >= 0 and bonus_clp >= 0`,
    )
    .execute();
  await db.schema
    .createIndex('pay_lines_period_idx')
    .on('pay_lines')
    .columns(['period_id', 'facilitator_id'])
    .execute();

  // One row (id 1). Ley 21.133 raises the boleta de honorarios retention each year: 15,25 % in 2026.
  await db.schema
    .createTable('payroll_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('withholding_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('payroll_settings_single_row', sql`id = 1`)
    .addCheckConstraint('payroll_settings_rate_check', sql`withholding_rate_bp between 0 and 10000`)
    .execute();
  await db.insertInto('payroll_settings').values({ id: 1, withholding_rate_bp: 1525 }).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('payroll_settings').execute();
  await db.schema.dropTable('pay_lines').execute();
  await db.schema.dropTable('pay_periods').execute();
  await db.schema.dropTable('pay_rules').execute();
}
