import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';
import { honorarios } from './pay-rules';

/** The withholding rate staff set (basis points), read for the page and when a period closes. */
export async function findWithholdingRate(db: Db | Tx): Promise<number> {
  const row = await db
    .selectFrom('payrollSettings')
    .select('withholdingRateBp')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.withholdingRateBp;
}

/**
 * Takes the payroll's lock for the rest of the transaction, by writing its settings row to itself:
 * PostgreSQL holds the row lock until commit, SQLite has one writer anyway. Two staff closing
 * periods at once are thus checked for overlap one after the other. Returns the withholding rate.
 */
export async function lockPayroll(trx: Tx): Promise<number> {
  const row = await trx
    .updateTable('payrollSettings')
    .set((eb) => ({ withholdingRateBp: eb.ref('withholdingRateBp') }))
    .where('id', '=', 1)
    .returning('withholdingRateBp')
    .executeTakeFirstOrThrow();
  return row.withholdingRateBp;
}

/** A closed period sharing at least one day with these dates. */
export async function findOverlappingPeriod(trx: Tx, startsOn: string, endsOn: string) {
  return trx
    .selectFrom('payPeriods')
    .select(['id', 'startsOn', 'endsOn'])
    .where('startsOn', '<=', endsOn)
    .where('endsOn', '>=', startsOn)
    .orderBy('startsOn')
    .executeTakeFirst();
}

/**
 * The sessions a period pays: workshops with a facilitator, not cancelled, starting in [from, to),
 * not already on a pay line (a session moved into a later period is not paid twice), with the series
 * each is a session of (null for a workshop of its own). With what pay
 * needs: seats booked (active enrollments, companions included) and attended, and the net revenue — every PAYMENT row of the
 * payments ledger for the session's enrollments (cancelled ones included: money kept is revenue)
 * minus every REFUND row, as the ledger stands when the period is closed.
 */
export async function listSessionsToPay(trx: Tx, range: { from: Date; to: Date }) {
  const rows = await trx
    .selectFrom('workshops as w')
    .leftJoin('seriesSessions as ss', 'ss.workshopId', 'w.id')
    .select(['w.id', 'w.name', 'w.startsAt', 'w.facilitatorId', 'ss.seriesId'])
    .select((eb) => [
      eb
        .selectFrom('enrollments as e')
        // Attendees are people: a booking for companions counts each of its seats.
        .select(sql<number>`coalesce(sum(e.seats), 0)`.as('n'))
        .whereRef('e.workshopId', '=', 'w.id')
        .where('e.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
        .as('booked'),
      eb
        .selectFrom('enrollments as e')
        .select(sql<number>`coalesce(sum(e.seats), 0)`.as('n'))
        .whereRef('e.workshopId', '=', 'w.id')
        .where('e.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
        .where('e.attendedAt', 'is not', null)
        .as('attended'),
      eb
        .selectFrom('payments as p')
        .innerJoin('enrollments as e', 'e.id', 'p.enrollmentId')
        .select(
          sql<number>`coalesce(sum(case when p.kind = 'REFUND' then -p.amount_clp else p.amount_clp end), 0)`.as(
            'n',
          ),
        )
        .whereRef('e.workshopId', '=', 'w.id')
        .as('revenue'),
    ])
    .where('w.facilitatorId', 'is not', null)
    .where('w.cancelledAt', 'is', null)
    .where('w.startsAt', '>=', range.from.toISOString())
    .where('w.startsAt', '<', range.to.toISOString())
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('payLines as l').select('l.id').whereRef('l.workshopId', '=', 'w.id'))),
    )
    .orderBy('w.startsAt')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    startsAt: r.startsAt,
    facilitatorId: r.facilitatorId!,
    seriesId: r.seriesId,
    booked: Number(r.booked ?? 0),
    attended: Number(r.attended ?? 0),
    revenueClp: Number(r.revenue ?? 0),
  }));
}

/** Closed periods, newest first, with their sessions and gross. */
export async function listPayPeriods(db: Db) {
  const rows = await db
    .selectFrom('payPeriods as p')
    .leftJoin('payLines as l', 'l.periodId', 'p.id')
    .select(['p.id', 'p.startsOn', 'p.endsOn', 'p.withholdingRateBp', 'p.closedAt'])
    .select([
      sql<number>`count(l.id)`.as('sessions'),
      sql<number>`coalesce(sum(l.gross_clp), 0)`.as('grossClp'),
    ])
    .groupBy(['p.id', 'p.startsOn', 'p.endsOn', 'p.withholdingRateBp', 'p.closedAt'])
    .orderBy('p.startsOn', 'desc')
    .limit(120)
    .execute();
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions), grossClp: Number(r.grossClp) }));
}
export type PayPeriodRow = Awaited<ReturnType<typeof listPayPeriods>>[number];

/** A closed period, or (null) the latest one. */
export async function findPayPeriod(db: Db, id: number | null) {
  let query = db
    .selectFrom('payPeriods')
    .select(['id', 'startsOn', 'endsOn', 'withholdingRateBp', 'closedAt']);
  query = id === null ? query.orderBy('startsOn', 'desc').limit(1) : query.where('id', '=', id);
  return query.executeTakeFirst();
}
export type PayPeriod = NonNullable<Awaited<ReturnType<typeof findPayPeriod>>>;

export const PAYROLL_SORTS = ['nombre', 'bruto'] as const;
export type PayrollSort = (typeof PAYROLL_SORTS)[number];
/** A period's id, or (null) the latest closed period: the payroll opens on it. */
export type PayrollCriteria = { periodId: number | null };

const periodOf = (db: Db, c: PayrollCriteria) =>
  c.periodId ?? db.selectFrom('payPeriods').select('id').orderBy('startsOn', 'desc').limit(1);

function payrollGroups(db: Db, c: PayrollCriteria) {
  return db
    .selectFrom('payLines as l')
    .innerJoin('facilitators as f', 'f.id', 'l.facilitatorId')
    .innerJoin('payPeriods as p', 'p.id', 'l.periodId')
    .where('l.periodId', '=', periodOf(db, c));
}

/** How many facilitators a period pays, and its totals (each facilitator's boleta rounded on its own). */
export async function payrollTotals(db: Db, c: PayrollCriteria) {
  const rows = await payrollGroups(db, c)
    .select(['p.withholdingRateBp', sql<number>`sum(l.gross_clp)`.as('grossClp')])
    .groupBy(['l.facilitatorId', 'p.withholdingRateBp'])
    .execute();
  const totals = { count: rows.length, grossClp: 0, withholdingClp: 0, netClp: 0 };
  for (const row of rows) {
    const gross = Number(row.grossClp);
    const { withholdingClp, netClp } = honorarios(gross, row.withholdingRateBp);
    totals.grossClp += gross;
    totals.withholdingClp += withholdingClp;
    totals.netClp += netClp;
  }
  return totals;
}

/** The payroll of a period: per facilitator, the sessions, the gross, the boleta's withholding and the net. */
export async function listPayroll(
  db: Db,
  c: PayrollCriteria,
  order: { sort: PayrollSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const sortExpr = { nombre: sql`lower(f.name)`, bruto: sql`sum(l.gross_clp)` }[order.sort];
  const rows = await payrollGroups(db, c)
    .select(['f.id', 'f.name', 'f.rut', 'p.withholdingRateBp'])
    .select([sql<number>`count(l.id)`.as('sessions'), sql<number>`sum(l.gross_clp)`.as('grossClp')])
    .groupBy(['f.id', 'f.name', 'f.rut', 'p.withholdingRateBp'])
    .orderBy(sortExpr, order.dir)
    .orderBy('f.id')
    .offset(window.offset)
    .limit(window.limit)
    .execute();
  return rows.map((r) => {
    const grossClp = Number(r.grossClp);
    return {
      facilitatorId: r.id,
      name: r.name,
      rut: r.rut,
      sessions: Number(r.sessions),
      grossClp,
      rateBp: r.withholdingRateBp,
      ...honorarios(grossClp, r.withholdingRateBp),
    };
  });
}
export type PayrollRow = Awaited<ReturnType<typeof listPayroll>>[number];

export const PAY_LINE_SORTS = ['fecha', 'nombre', 'bruto'] as const;
export type PayLineSort = (typeof PAY_LINE_SORTS)[number];

export async function countPayLines(db: Db, c: PayrollCriteria): Promise<number> {
  const row = await db
    .selectFrom('payLines')
    .select(sql<number>`count(*)`.as('n'))
    .where('periodId', '=', periodOf(db, c))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A period's lines: each session with the rule that paid it and the inputs, as written when it closed. */
export async function listPayLines(
  db: Db,
  c: PayrollCriteria,
  order: { sort: PayLineSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const sortExpr = { fecha: sql`l.starts_at`, nombre: sql`lower(f.name)`, bruto: sql`l.gross_clp` }[
    order.sort
  ];
  return db
    .selectFrom('payLines as l')
    .innerJoin('facilitators as f', 'f.id', 'l.facilitatorId')
    .select([
      'l.id',
      'f.name as facilitatorName',
      'l.workshopId',
      'l.workshopName',
      'l.startsAt',
      'l.ruleId',
      'l.ruleScope',
      'l.ruleKind',
      'l.ruleAmountClp',
      'l.rulePercentBp',
      'l.ruleBasis',
      'l.ruleBonusThreshold',
      'l.ruleBonusClp',
      'l.ruleEffectiveFrom',
      'l.bookedCount',
      'l.attendedCount',
      'l.revenueClp',
      'l.baseClp',
      'l.bonusClp',
      'l.grossClp',
    ])
    .where('l.periodId', '=', periodOf(db, c))
    .orderBy(sortExpr, order.dir)
    .orderBy('l.id')
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}
export type PayLineRow = Awaited<ReturnType<typeof listPayLines>>[number];
