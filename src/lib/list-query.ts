import { z } from 'zod';
import { parsePage } from './pagination';

/**
 * The state of a back-office list, read from its URL: search text, filters, sort column and
 * direction, page and export format. Every list parses its query string through here, so a
 * hand-edited or stale link never causes an error: an unknown sort column, a filter value that is
 * not allowed or a page that is not a number falls back to the default (no 500, no 400).
 */

export type SortDir = 'asc' | 'desc';
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One query-string value as Fastify delivers it: absent, a string, or a list (repeated key). */
export type RawValue = unknown;
export type FilterParser<T> = (raw: RawValue) => T;
export type FilterSpec = Record<string, FilterParser<unknown>>;
export type FilterValues<S extends FilterSpec> = { [K in keyof S]: ReturnType<S[K]> };

export type ListSpec<Sort extends string, S extends FilterSpec> = {
  /** Columns a user may sort by (the whitelist): the URL value, in Spanish. */
  sortable: readonly Sort[];
  defaultSort: Sort;
  defaultDir: SortDir;
  filters: S;
};

export type ListQuery<Sort extends string = string, F = Record<string, unknown>> = {
  q: string;
  sort: Sort;
  dir: SortDir;
  page: number;
  filters: F;
  format: ExportFormat | null;
  /** The view's parameters (search, filters, sort) as they go back into links; no page or format. */
  params: [string, string][];
};

const first = (raw: RawValue): string | undefined => {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' ? v : undefined;
};
const all = (raw: RawValue): string[] =>
  (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));

/** Parsers for filter values; each returns its "no filter" value for anything it does not accept. */
export const filter = {
  text:
    (max = 100): FilterParser<string> =>
    (raw) =>
      (first(raw) ?? '').trim().slice(0, max),
  oneOf:
    <T extends string>(values: readonly T[]): FilterParser<T | null> =>
    (raw) => {
      const v = first(raw);
      return v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : null;
    },
  id: (): FilterParser<number | null> => (raw) => {
    const v = first(raw);
    return v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;
  },
  ids:
    (max = 50): FilterParser<number[]> =>
    (raw) =>
      [
        ...new Set(
          all(raw)
            .filter((v) => /^\d{1,9}$/.test(v) && Number(v) > 0)
            .map(Number),
        ),
      ].slice(0, max),
  flag: (): FilterParser<boolean> => (raw) => ['1', 'true', 'si', 'on'].includes(first(raw) ?? ''),
  /** A calendar date "YYYY-MM-DD" that exists. */
  date: (): FilterParser<string | null> => (raw) => {
    const v = first(raw);
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
  },
};

/**
 * A filter parser as a field of a route's querystring or form schema: like the parser, it never
 * fails, and a missing key is its "no filter" value.
 */
export const filterField = <T>(parse: FilterParser<T>) =>
  z
    .unknown()
    .optional()
    .transform((raw) => parse(raw));

function serialise(key: string, value: unknown): [string, string][] {
  if (value === null || value === undefined || value === '' || value === false) return [];
  if (value === true) return [[key, '1']];
  if (Array.isArray(value)) return value.map((v) => [key, String(v)]);
  return [[key, String(value)]];
}

export function parseListQuery<Sort extends string, S extends FilterSpec>(
  query: unknown,
  spec: ListSpec<Sort, S>,
): ListQuery<Sort, FilterValues<S>> {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, RawValue>;
  const q = filter.text(100)(raw.q);
  const sortRaw = first(raw.sort);
  const sort =
    sortRaw && (spec.sortable as readonly string[]).includes(sortRaw) ? (sortRaw as Sort) : spec.defaultSort;
  const dirRaw = first(raw.dir);
  const dir: SortDir = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : spec.defaultDir;
  const filters = Object.fromEntries(
    Object.entries(spec.filters).map(([key, parse]) => [key, parse(raw[key])]),
  ) as FilterValues<S>;
  const formatRaw = first(raw.formato);
  const format = (EXPORT_FORMATS as readonly string[]).includes(formatRaw ?? '')
    ? (formatRaw as ExportFormat)
    : null;
  const params: [string, string][] = [
    ...serialise('q', q),
    ...Object.entries(filters).flatMap(([key, value]) => serialise(key, value)),
  ];
  if (sort !== spec.defaultSort || dir !== spec.defaultDir) params.push(['sort', sort], ['dir', dir]);
  return { q, sort, dir, page: parsePage(first(raw.page)), filters, format, params };
}

/** A link to the same list with some parameters changed (page, sort, dir, formato). */
export function listHref(
  basePath: string,
  query: Pick<ListQuery, 'params'>,
  changes: { page?: number; sort?: string; dir?: SortDir; formato?: ExportFormat } = {},
): string {
  const params = new URLSearchParams(
    query.params.filter(([k]) => !(changes.sort && (k === 'sort' || k === 'dir'))),
  );
  if (changes.sort) {
    params.set('sort', changes.sort);
    params.set('dir', changes.dir ?? 'asc');
  }
  if (changes.page && changes.page > 1) params.set('page', String(changes.page));
  if (changes.formato) params.set('formato', changes.formato);
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
