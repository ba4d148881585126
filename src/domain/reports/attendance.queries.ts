import type { Db } from '../../db/database';
import type { Range } from './reports.period';

/** Every past, not cancelled session of the period with its active enrollments and check-ins. */
async function listSessionAttendance(db: Db, range: Range, now: Date) {
  const until = now.toISOString() < range.to ? now.toISOString() : range.to;
  return db
    .selectFrom('workshops')
    .leftJoin('interests', 'interests.id', 'workshops.categoryId')
    .innerJoin('enrollments', (join) =>
      join.onRef('enrollments.workshopId', '=', 'workshops.id').on('enrollments.status', '<>', 'ANULADO'),
    )
    .select([
      'workshops.id',
      'workshops.name',
      'workshops.startsAt',
      'interests.name as category',
      (eb) => eb.fn.count<number>('enrollments.id').as('enrolled'),
      (eb) => eb.fn.count<number>('enrollments.attendedAt').as('attended'),
    ])
    .where('workshops.startsAt', '>=', range.from)
    .where('workshops.startsAt', '<', until)
    .where('workshops.cancelledAt', 'is', null)
    .groupBy(['workshops.id', 'workshops.name', 'workshops.startsAt', 'interests.name'])
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

/**
 * Attendance and no-show rates of the period's past sessions, per workshop, per category and in
 * total. A no-show is an active enrollment not checked in; only sessions where the door was kept
 * (somebody checked in) count, as for the attendance policy: a session nobody checked anyone in at
 * says nothing about who came.
 */
export async function attendanceReport(db: Db, range: Range, now: Date): Promise<AttendanceReport> {
  const rows = (await listSessionAttendance(db, range, now)).map((r) => ({
    ...r,
    enrolled: Number(r.enrolled),
    attended: Number(r.attended),
    category: r.category ?? 'Sin categoría',
  }));
  const categories = new Map<string, typeof rows>();
  for (const r of rows) categories.set(r.category, [...(categories.get(r.category) ?? []), r]);
  return {
    byWorkshop: rows.map((r) => ({
      ...line(r.name, [r]),
      id: r.id,
      startsAt: r.startsAt,
      category: r.category,
    })),
    byCategory: [...categories.entries()]
      .map(([name, list]) => line(name, list))
      .sort((a, b) => a.label.localeCompare(b.label, 'es')),
    total: line('Total', rows),
  };
}
