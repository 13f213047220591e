import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

/**
 * Lists are pages in a fixed order, read by keyset: the next page starts after the key of the last
 * row shown, so page 500 costs what page 1 does. A query fetches one row more than the page to
 * learn whether another follows; the HTTP layer turns `next` into an opaque cursor.
 */

/** A position in a newest-first list: the (time, id) of the last row shown. */
export interface PageKey {
  t: number;
  id: string;
}

export interface Page<R, K = PageKey> {
  rows: R[];
  /** The key to continue after, or null on the last page. */
  next: K | null;
  total: number;
}

/** The page out of up to `limit + 1` rows read in order, and the key to the next one. */
export function pageOf<R, K>(rows: R[], limit: number, keyOf: (row: R) => K, total: number): Page<R, K> {
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { rows: shown, next: rows.length > limit && last ? keyOf(last) : null, total };
}

/**
 * Rows after `key` in newest-first order on (time, id): `time < t or (time = t and id < id)`.
 * `time` and `id` name columns, e.g. 'i.sent_at' and 'i.id'.
 */
export function olderThan<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  time: string,
  id: string,
  key: PageKey,
): Expression<SqlBool> {
  return eb.or([
    eb(sql.ref<number>(time), '<', key.t),
    eb.and([eb(sql.ref<number>(time), '=', key.t), eb(sql.ref<string>(id), '<', key.id)]),
  ]);
}
