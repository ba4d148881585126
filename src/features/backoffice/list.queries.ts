import { type Expression, type SqlBool, sql } from 'kysely';
import { searchable } from '../../lib/text';

/**
 * Accent- and case-insensitive search on a `search_text` column (kept by the services with
 * searchable()): the needle is normalised the same way and every word must appear, so
 * "jose perez" finds "José Antonio Pérez" on SQLite and PostgreSQL alike. Rejected: lower()/ILIKE
 * on the raw column (SQLite's lower() ignores non-ASCII, and neither strips accents) and
 * unaccent() (PostgreSQL-only extension).
 */
export function searchConditions(column: string, q: string): Expression<SqlBool>[] {
  return searchable(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map(
      (word) =>
        sql<SqlBool>`${sql.ref(column)} like ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    );
}
