/**
 * How many values one statement binds in an `in (…)` list or a multi-row insert: far below what
 * either dialect allows (SQLite 32,766 variables, PostgreSQL 65,535), and big enough that a bulk
 * action over thousands of rows is a handful of statements.
 */
export const CHUNK_SIZE = 500;

/** `items` in consecutive slices of at most `size`; none for an empty list. */
export function chunk<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
