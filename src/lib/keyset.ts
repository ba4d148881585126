/**
 * Keyset pagination for the API: rows in id order, each page after the last id of the previous.
 * Rows inserted while a client pages through get larger ids and show up at the end, so no row is
 * listed twice or skipped (an offset would shift under inserts). Queries read `limit + 1` rows to
 * know whether another page follows.
 */
export type KeysetPage = { afterId: number | null; limit: number };

export function keysetSlice<T extends { id: number }>(
  rows: T[],
  limit: number,
): { items: T[]; lastId: number | null } {
  const items = rows.slice(0, limit);
  return { items, lastId: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
