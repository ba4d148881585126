import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AttendanceLine, attendanceReport, choosePeriod } from '../../../domain/reports';
import { toCsv } from '../../../lib/csv';
import { formatDateTimeShort } from '../../../lib/dates';
import { writeXlsx } from '../../../lib/xlsx';
import { AttendanceReportPage } from './views/attendance-report.page';

const query = z.object({
  desde: z.unknown().optional(),
  hasta: z.unknown().optional(),
  mes: z.unknown().optional(),
  formato: z.unknown().optional(),
});

const HEADER = [
  'Taller',
  'Fecha',
  'Categoría',
  'Inscritas',
  'Asistieron',
  'No asistieron',
  '% asistencia',
  '% inasistencia',
];
const pct = (rate: number | null) => (rate === null ? '' : Math.round(rate * 1000) / 10);
const cells = (l: AttendanceLine) => [
  l.enrolled,
  l.attended,
  l.noShows,
  pct(l.attendanceRate),
  pct(l.noShowRate),
];

/** Attendance and no-show rates (/gestion/reportes/asistencia/), with CSV and XLSX exports. */
export async function attendanceReportStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/reportes/asistencia/', { schema: { querystring: query } }, async (request, reply) => {
    const now = app.deps.clock();
    const { period, notices } = choosePeriod(request.query, now);
    const report = await attendanceReport(app.deps.database.db, period, now);
    const format = request.query.formato;
    if (format === 'csv' || format === 'xlsx') {
      const rows: (string | number)[][] = [
        ...report.byWorkshop.map((l) => [l.label, formatDateTimeShort(l.startsAt), l.category, ...cells(l)]),
        ...report.byCategory.map((l) => [`Categoría: ${l.label}`, '', l.label, ...cells(l)]),
        ...report.bySeries.map((l) => [`Serie: ${l.label}`, '', '', ...cells(l)]),
        ...report.byFacilitator.map((l) => [`Facilitador(a): ${l.label}`, '', '', ...cells(l)]),
        ['Total', '', '', ...cells(report.total)],
      ];
      const name = `asistencia-${period.desde}-al-${period.hasta}.${format}`;
      reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(HEADER, rows));
      const book = await writeXlsx([
        {
          name: 'Asistencia',
          header: true,
          rows: [HEADER, ...rows],
          widths: [40, 17, 20, 10, 11, 13, 12, 13],
        },
      ]);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(book);
    }
    const params: Record<string, string> = period.mes
      ? { mes: period.mes }
      : { desde: period.desde, hasta: period.hasta };
    return reply.page(AttendanceReportPage, { period, report, notices, params });
  });
}
