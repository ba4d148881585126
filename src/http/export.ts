import type { FastifyReply } from 'fastify';
import { type CsvCell, toCsv } from '../lib/csv';
import { santiagoDate } from '../lib/dates';
import type { ExportFormat } from '../lib/list-query';
import { writeXlsx } from '../lib/xlsx';

export type ExportTable = {
  /** File name without extension or date: "clientes" → clientes-2026-03-02.csv. */
  name: string;
  /** Sheet tab name (XLSX). */
  sheet: string;
  header: string[];
  rows: CsvCell[][];
};

/** Sends a list as a download, CSV (`;`-separated UTF-8 with a BOM, for Excel in Chile) or XLSX. */
export async function sendExport(reply: FastifyReply, format: ExportFormat, table: ExportTable, now: Date) {
  const filename = `${table.name}-${santiagoDate(now)}.${format}`;
  reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table.header, table.rows));
  const widths = table.header.map((h, i) =>
    Math.min(50, Math.max(h.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length)) + 2),
  );
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(
      await writeXlsx([{ name: table.sheet, rows: [table.header, ...table.rows], header: true, widths }]),
    );
}
