import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { giftCardReport } from '../../../domain/gift-cards';
import {
  buildDashboard,
  buildPackReport,
  choosePeriod,
  describePayments,
  EXPORT_HEADER,
  EXPORT_MAX_ROWS,
  exportRows,
  listCategories,
  listPayments,
  paymentTotals,
} from '../../../domain/reports';
import { csvHead, csvLine } from '../../../lib/csv';
import { makePage, pageWindow } from '../../../lib/pagination';
import { writeXlsx } from '../../../lib/xlsx';
import { breakdownQuery, parseBreakdownQuery, periodQuery } from './reports.forms';
import { ReportsPage } from './views/reports.page';
import { RevenuePage } from './views/revenue.page';

const PAGE_SIZE = 50;

/**
 * Chart.js served from our own origin (no CDN: the original loaded it from one without SRI). Read
 * once at startup from the installed package; the URL carries no version, so the cache is a day.
 */
export async function reportsPublicRoutes(app: FastifyInstance) {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  const source = readFileSync(file);
  app.get('/static/vendor/chart.umd.min.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(source),
  );
}

/** Staff pages under /gestion (registered through staffArea in app.ts). */
export async function reportsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/reportes/', { schema: { querystring: periodQuery } }, async (request, reply) => {
    const now = app.deps.clock();
    const { period, notices } = choosePeriod(request.query, now);
    const [dashboard, packs, giftCards] = await Promise.all([
      buildDashboard(app.deps.database.db, period),
      buildPackReport(app.deps.database.db, period, now),
      giftCardReport(app.deps.database.db, period, now),
    ]);
    return reply.page(ReportsPage, { dashboard, packs, notices, giftCards });
  });

  app.get('/reportes/ingresos/', { schema: { querystring: breakdownQuery } }, async (request, reply) => {
    const { db } = app.deps.database;
    const categories = await listCategories(db);
    const query = parseBreakdownQuery(request.query, app.deps.clock(), new Set(categories.map((c) => c.id)));
    const totals = await paymentTotals(db, query.filter);

    if (query.format && totals.count > EXPORT_MAX_ROWS) {
      query.notices.push(
        `La descarga tendría ${totals.count} filas (máximo ${EXPORT_MAX_ROWS}): acota las fechas o los filtros.`,
      );
    } else if (query.format) {
      const name = `ingresos-${query.period.desde}-al-${query.period.hasta}.${query.format}`;
      reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      if (query.format === 'csv') {
        const rows = exportRows(db, query.filter);
        const lines = async function* () {
          yield csvHead(EXPORT_HEADER);
          for await (const row of rows) yield csvLine(row);
        };
        return reply.type('text/csv; charset=utf-8').send(Readable.from(lines()));
      }
      const sheetRows: (string | number)[][] = [EXPORT_HEADER];
      for await (const row of exportRows(db, query.filter)) sheetRows.push(row);
      sheetRows.push(['Total', '', '', '', '', '', '', '', totals.total]);
      const book = await writeXlsx([
        { name: 'Ingresos', header: true, rows: sheetRows, widths: [17, 11, 9, 50, 20, 30, 11, 24, 13] },
      ]);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(book);
    }

    const { page, offset } = pageWindow(query.page, PAGE_SIZE, totals.count);
    const rows = await describePayments(
      db,
      await listPayments(db, query.filter, { offset, limit: PAGE_SIZE }),
    );
    return reply.page(RevenuePage, {
      period: query.period,
      params: query.params,
      categories,
      payments: makePage(rows, page, PAGE_SIZE, totals.count),
      totalClp: totals.total,
      notices: query.notices,
    });
  });
}
