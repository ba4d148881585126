import { type RawBuilder, sql } from 'kysely';
import type { EnrollmentStatus } from '../db/schema';

/**
 * What an enrollment still owes, the one rule every page, export, e-mail and report reads: the price
 * less what was paid, and nothing once it is cancelled (what was paid then is a refund due, a
 * separate column). The database keeps paid ≤ due; the floor at zero only makes the rule total.
 * The first version computed it 23 ways, some counting cancelled enrollments' unpaid part.
 */
export function owedClp(e: {
  status: EnrollmentStatus;
  amountDueClp: number;
  amountPaidClp: number;
}): number {
  return e.status === 'ANULADO' ? 0 : Math.max(0, e.amountDueClp - e.amountPaidClp);
}

const columns = (alias: string) => ({
  status: sql.ref(`${alias}.status`),
  due: sql.ref(`${alias}.amountDueClp`),
  paid: sql.ref(`${alias}.amountPaidClp`),
});

/** `owedClp` in SQL, for lists, sorts and totals over the enrollments table under `alias`. */
export function owedSql(alias: string): RawBuilder<number> {
  const { status, due, paid } = columns(alias);
  return sql<number>`(case when ${status} = 'ANULADO' or ${paid} >= ${due} then 0 else ${due} - ${paid} end)`;
}

/** The enrollments under `alias` that owe something (`owedSql > 0`), as a where condition. */
export function owesSql(alias: string): RawBuilder<boolean> {
  const { status, due, paid } = columns(alias);
  return sql<boolean>`(${status} <> 'ANULADO' and ${due} > ${paid})`;
}
