export type Page<T> = {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  /** 1-based index of the first and last row shown ("Mostrando 16–30 de 47"); 0–0 when empty. */
  from: number;
  to: number;
};

/** A page number from a query string: anything that is not a positive integer is page 1. */
export function parsePage(raw: unknown): number {
  const n = typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function pageWindow(requested: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested), pages);
  return { page, pages, offset: (page - 1) * pageSize };
}

export function makePage<T>(items: T[], page: number, pageSize: number, total: number): Page<T> {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  return { items, page, pageSize, total, pages, from, to: total === 0 ? 0 : from + items.length - 1 };
}
