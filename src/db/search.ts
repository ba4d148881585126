import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { searchable } from '../lib/text';

/**
 * Accent- and case-insensitive search on a `search_text` column (kept by the services with
 * searchable()): the needle is normalised the same way and every word must appear, so
 * "jose perez" finds "José Antonio Pérez" on SQLite and PostgreSQL alike. Rejected: lower()/ILIKE
 * on the raw column (SQLite's lower() ignores non-ASCII, and neither strips accents) and
 * unaccent() (PostgreSQL-only extension).
 */
export function searchConditions(column: string, q: string): Expression<SqlBool>[] {
  return wordsMatch(q, { searchText: [column] });
}

/**
 * Accent- and case-folding of a text column in SQL, identical on SQLite and PostgreSQL: nested
 * replace() of the Spanish accented letters in both cases (SQLite's lower() leaves non-ASCII
 * letters alone, so "Á" is replaced before lowering), then lower(). Used for names that have no
 * precomputed search_text (workshops, products). Rejected: a new search_text column on those
 * tables (every writer, including the workshops admin and the seed, would have to keep it) and
 * unaccent() (PostgreSQL only).
 */
const FOLDS: [string, string][] = [
  ['á', 'a'],
  ['é', 'e'],
  ['í', 'i'],
  ['ó', 'o'],
  ['ú', 'u'],
  ['ü', 'u'],
  ['ñ', 'n'],
  ['Á', 'a'],
  ['É', 'e'],
  ['Í', 'i'],
  ['Ó', 'o'],
  ['Ú', 'u'],
  ['Ü', 'u'],
  ['Ñ', 'n'],
];

export function folded(column: string): RawBuilder<string> {
  let expr: RawBuilder<string> = sql<string>`${sql.ref(column)}`;
  for (const [from, to] of FOLDS) expr = sql<string>`replace(${expr}, ${sql.lit(from)}, ${sql.lit(to)})`;
  return sql<string>`lower(${expr})`;
}

const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every word of the search must appear in at least one of the targets: either a search_text column
 * (already folded by the services) or a folded expression. "jose resina" finds José's enrollment
 * in "Taller de Resina".
 */
export function wordsMatch(
  q: string,
  targets: { searchText?: string[]; folded?: string[] },
): Expression<SqlBool>[] {
  const exprs: Expression<string>[] = [
    ...(targets.searchText ?? []).map((c) => sql<string>`${sql.ref(c)}`),
    ...(targets.folded ?? []).map(folded),
  ];
  return searchable(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => {
      const pattern = likeWord(word);
      const alternatives = exprs.map((e) => sql<SqlBool>`${e} like ${pattern} escape '\\'`);
      return sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
    });
}
/** A searched order or enrollment number: "12" or "#12". */
export function searchedNumber(q: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}
