import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { owedSql, owesSql } from '../balance';
import { listDueFollowUps } from '../customers';
import { refundsDueTotals } from '../enrollments';

const LIMIT = 10;

export type DashboardWindow = {
  /** This week, Monday 00:00 to next Monday 00:00 in Santiago, as UTC instants. */
  weekStart: string;
  weekEnd: string;
  /** Santiago calendar day. */
  today: string;
  /** Seven days ago (sign-ups and e-mail failures). */
  since: string;
};

/** Everything the dashboard shows, in a fixed number of queries (no query per row). */
export async function loadDashboard(db: Db, w: DashboardWindow) {
  const [workshops, owed, refunds, followUps, lowStock, signUps, signUpCount, failures, failureCount] =
    await Promise.all([
      db
        .selectFrom('workshops')
        .select(['id', 'name', 'startsAt', 'seatsTaken', 'totalSeats', 'isActive', 'cancelledAt'])
        .where('startsAt', '>=', w.weekStart)
        .where('startsAt', '<', w.weekEnd)
        .orderBy('startsAt')
        .execute(),
      db
        .selectFrom('enrollments')
        .select([
          sql<number>`coalesce(sum(${owedSql('enrollments')}), 0)`.as('total'),
          sql<number>`count(*)`.as('n'),
        ])
        .where(owesSql('enrollments'))
        .executeTakeFirstOrThrow(),
      refundsDueTotals(db, { q: '', workshopId: null }),
      listDueFollowUps(db, w.today, LIMIT),
      db
        .selectFrom('products')
        .select(['id', 'name', 'stock', 'lowStockThreshold', 'isAvailable'])
        .whereRef('stock', '<=', 'lowStockThreshold')
        // Only kits are kept in stock: packs and the gift card product are sold without one.
        .where('kind', '=', 'kit')
        .orderBy('stock')
        .orderBy('name')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('customers')
        .select(['id', 'fullName', 'email', 'createdAt'])
        .where('createdAt', '>=', w.since)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('customers')
        .select(sql<number>`count(*)`.as('n'))
        .where('createdAt', '>=', w.since)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('emailLog')
        .select(['id', 'recipient', 'subject', 'errorMessage', 'createdAt', 'customerId'])
        .where('status', '=', 'FAIL')
        .where('createdAt', '>=', w.since)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(LIMIT)
        .execute(),
      db
        .selectFrom('emailLog')
        .select(sql<number>`count(*)`.as('n'))
        .where('status', '=', 'FAIL')
        .where('createdAt', '>=', w.since)
        .executeTakeFirstOrThrow(),
    ]);
  return {
    workshops,
    owed: { total: Number(owed.total), enrollments: owed.n },
    /** Money to give back for cancelled enrollments (the refunds list). */
    refunds: { total: refunds.refundDueClp, enrollments: refunds.count },
    followUps,
    lowStock,
    signUps: { rows: signUps, total: signUpCount.n },
    failures: { rows: failures, total: failureCount.n },
  };
}

export type StaffDashboard = Awaited<ReturnType<typeof loadDashboard>>;
