import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import {
  type FilterSpec,
  type FilterValues,
  type ListQuery,
  type ListSpec,
  listHref,
  parseListQuery,
} from '../lib/list-query';
import { makePage, type Page, pageWindow } from '../lib/pagination';
import type { Column } from '../ui/staff/data-table';
import { sendExport } from './export';

/**
 * One back-office list, declared once: the URL state it accepts (search, filters, sort whitelist),
 * how that state becomes the domain's criteria, how to count and read rows, and its columns — each
 * with its page cell and its export value side by side, so the table and the CSV/XLSX export cannot
 * drift apart (the first version kept eleven pairs of them in step by hand). `serveList` turns the
 * declaration into the page, the export and the pagination; ui/staff/data-table.tsx draws the
 * table from the same columns.
 */

export type StaffList<
  Sort extends string,
  S extends FilterSpec,
  Criteria,
  Row,
  Totals extends { count: number },
  View = undefined,
> = {
  /** The list's path ("/gestion/pagos/"). */
  path: string;
  /** Export file name ("pagos" → pagos-2026-03-02.csv) and sheet tab ("Pagos"). */
  exportName: string;
  sheet: string;
  query: ListSpec<Sort, S>;
  /** `now` (the app's clock) for criteria that depend on the day (what is still valid). */
  criteria: (query: ListQuery<Sort, FilterValues<NoInfer<S>>>, now: Date) => Criteria;
  /** How many rows match (and any totals of the whole filtered list the page shows). */
  totals: (db: Db, criteria: Criteria) => Promise<Totals>;
  /** One window of rows; `now` (the app's clock) for values that depend on the day (a debt's age). */
  rows: (
    db: Db,
    criteria: Criteria,
    order: { sort: Sort; dir: 'asc' | 'desc' },
    window: { offset: number; limit: number },
    now: Date,
  ) => Promise<Row[]>;
  /** A cell may also read `View`, what the page hands the table (see Column's `cell`). */
  columns: Column<Row, View>[];
  rowId: (row: Row) => number;
  pageSize?: number;
};

/** What a list page receives to render. */
export type ListData<Sort extends string, S extends FilterSpec, Row, Totals> = {
  query: ListQuery<Sort, FilterValues<S>>;
  page: Page<Row>;
  totals: Totals;
  /** This view's URL (filters, sort and page), for "come back here" after a bulk action. */
  currentUrl: string;
};

const DEFAULT_PAGE_SIZE = 25;
/** Rows in one export: far above any real list here, low enough to keep a download in memory. */
export const EXPORT_LIMIT = 50_000;

/**
 * The GET of a list: parse the URL, then either the export of the whole filtered list (`formato`)
 * or one page with its totals, rendered by `render`.
 */
export async function serveList<
  Sort extends string,
  S extends FilterSpec,
  Criteria,
  Row,
  Totals extends { count: number },
  View,
>(
  list: StaffList<Sort, S, Criteria, Row, Totals, View>,
  request: FastifyRequest,
  reply: FastifyReply,
  render: (data: ListData<Sort, S, Row, Totals>) => FastifyReply | Promise<FastifyReply>,
) {
  const { db } = request.server.deps.database;
  const query = parseListQuery(request.query, list.query);
  const now = request.server.deps.clock();
  const criteria = list.criteria(query, now);
  const order = { sort: query.sort, dir: query.dir };
  if (query.format) {
    const rows = await list.rows(db, criteria, order, { offset: 0, limit: EXPORT_LIMIT }, now);
    const columns = list.columns.filter((c) => c.exportValue);
    return sendExport(
      reply,
      query.format,
      {
        name: list.exportName,
        sheet: list.sheet,
        header: columns.map((c) => c.exportLabel ?? c.label),
        rows: rows.map((row) => columns.map((c) => c.exportValue!(row))),
      },
      now,
    );
  }
  const size = list.pageSize ?? DEFAULT_PAGE_SIZE;
  const totals = await list.totals(db, criteria);
  const { page, offset } = pageWindow(query.page, size, totals.count);
  const rows = await list.rows(db, criteria, order, { offset, limit: size }, now);
  return render({
    query,
    page: makePage(rows, page, size, totals.count),
    totals,
    currentUrl: listHref(list.path, query, { page }),
  });
}

/**
 * Declares a list with its types inferred from the declaration itself. The result also carries,
 * as a type only, the data its page receives (see ListDataOf).
 */
export function defineList<
  Sort extends string,
  S extends FilterSpec,
  Criteria,
  Row,
  Totals extends { count: number },
  View = undefined,
>(
  list: StaffList<Sort, S, Criteria, Row, Totals, View>,
): StaffList<Sort, S, Criteria, Row, Totals, View> & { readonly pageData?: ListData<Sort, S, Row, Totals> } {
  return list;
}

/** The totals of a list whose page shows only how many rows match. */
export const countOnly =
  <Criteria>(count: (db: Db, criteria: Criteria) => Promise<number>) =>
  async (db: Db, criteria: Criteria) => ({ count: await count(db, criteria) });

/** The data a list's page receives, from its declaration: `ListDataOf<typeof PAYMENT_LIST>`. */
export type ListDataOf<L extends { pageData?: unknown }> = NonNullable<L['pageData']>;
