import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Range } from './reports.period';

/** Every past, not cancelled session of the period with its active enrollments and check-ins. */
async function listSessionAttendance(db: Db, range: Range, now: Date) {
  const until = now.toISOString() < range.to ? now.toISOString() : range.to;
  return db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .leftJoin('facilitators', 'facilitators.id', 'workshops.facilitatorId')
    .leftJoin('seriesSessions', 'seriesSessions.workshopId', 'workshops.id')
    .leftJoin('series', 'series.id', 'seriesSessions.seriesId')
    .innerJoin('enrollments', (join) =>
      join.onRef('enrollments.workshopId', '=', 'workshops.id').on('enrollments.status', '<>', 'ANULADO'),
    )
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'interests.name as category',
      // The facilitator record wins over the free-text name a workshop without one may carry.
      (eb) => eb.fn.coalesce('facilitators.name', 'workshops.facilitatorName').as('facilitator'),
      'series.name as series',
      // People, not bookings: a booking for companions checks its whole party in with one ticket.
      (eb) => eb.fn.sum<number>('enrollments.seats').as('enrolled'),
      sql<number>`sum(case when enrollments.attended_at is not null then enrollments.seats else 0 end)`.as(
        'attended',
      ),
    ])
    .where('workshops.startsAt', '>=', range.from)
    .where('workshops.startsAt', '<', until)
    .where('workshops.cancelledAt', 'is', null)
    .groupBy([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'interests.name',
      'facilitators.name',
      'workshops.facilitatorName',
      'series.name',
    ])
    .orderBy('workshops.startsAt')
    .orderBy('workshops.id')
    .execute();
}

export type AttendanceLine = {
  label: string;
  sessions: number;
  /** Sessions where somebody was checked in: the only ones whose rates mean something. */
  keptSessions: number;
  enrolled: number;
  attended: number;
  noShows: number;
  /** attended / enrolled over kept sessions, 0–1; null when no session was kept. */
  attendanceRate: number | null;
  noShowRate: number | null;
};

export type AttendanceReport = {
  byWorkshop: (AttendanceLine & { id: number; startsAt: string; category: string })[];
  byCategory: AttendanceLine[];
  /** Sessions of a recurring series, per series (sessions outside any series are left out). */
  bySeries: AttendanceLine[];
  byFacilitator: AttendanceLine[];
  total: AttendanceLine;
};

function line(label: string, rows: { enrolled: number; attended: number }[]): AttendanceLine {
  const kept = rows.filter((r) => r.attended > 0);
  const enrolled = kept.reduce((sum, r) => sum + r.enrolled, 0);
  const attended = kept.reduce((sum, r) => sum + r.attended, 0);
  return {
    label,
    sessions: rows.length,
    keptSessions: kept.length,
    enrolled,
    attended,
    noShows: enrolled - attended,
    attendanceRate: enrolled > 0 ? attended / enrolled : null,
    noShowRate: enrolled > 0 ? (enrolled - attended) / enrolled : null,
  };
}

/** One line per distinct key, sorted by label (rows whose key is null are left out). */
function linesBy<R extends { enrolled: number; attended: number }>(rows: R[], key: (r: R) => string | null) {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([name, list]) => line(name, list))
    .sort((a, b) => a.label.localeCompare(b.label, 'es'));
}

/**
 * Attendance and no-show rates of the period's past sessions, per workshop, per category, per
 * series, per facilitator and in total. A no-show is an active enrollment not checked in; only sessions where the door was kept
 * (somebody checked in) count, as for the attendance policy: a session nobody checked anyone in at
 * says nothing about who came.
 */
export async function attendanceReport(db: Db, range: Range, now: Date): Promise<AttendanceReport> {
  const rows = (await listSessionAttendance(db, range, now)).map((r) => ({
    ...r,
    enrolled: Number(r.enrolled),
    attended: Number(r.attended),
    category: r.category ?? 'Sin categoría',
    facilitator: r.facilitator ?? 'Sin facilitador',
  }));
  return {
    byWorkshop: rows.map((r) => ({
      ...line(r.name, [r]),
      id: r.id,
      startsAt: r.startsAt,
      category: r.category,
    })),
    byCategory: linesBy(rows, (r) => r.category),
    bySeries: linesBy(rows, (r) => r.series),
    byFacilitator: linesBy(rows, (r) => r.facilitator),
    total: line('Total', rows),
  };
}
