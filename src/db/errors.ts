/**
 * A unique index refused a write: the loser of two identical creates at the same moment (the
 * earlier "does it exist?" read cannot see the other's uncommitted row). Returns the name of the
 * index or the columns it covers, so the caller can say which field is taken; undefined for any
 * other error. PostgreSQL reports code 23505 with the constraint name; SQLite
 * SQLITE_CONSTRAINT_UNIQUE with "table.column" in the message.
 */
export function uniqueViolation(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return typeof e.constraint === 'string' ? e.constraint : '';
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return typeof e.message === 'string' ? e.message.replace(/^UNIQUE constraint failed: /, '') : '';
  return undefined;
}

/** Runs a write; when a unique index refuses it, throws `duplicate(index)` (a field message) instead. */
export async function withUniqueCheck<T>(
  write: () => Promise<T>,
  duplicate: (index: string) => Error,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const index = uniqueViolation(error);
    if (index === undefined) throw error;
    throw duplicate(index);
  }
}
