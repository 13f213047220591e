import { Type, type Static, type TSchema } from 'typebox';
import { DomainError } from '../domain/errors.js';

/** A position in a newest-first list: the (time, id) of the last row the client saw. */
export interface PageKey {
  t: number;
  id: string;
}

export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1–100' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 400, description: 'Opaque cursor from a previous page' })),
};

export function listEnvelope<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Integer(),
  });
}

export type ListEnvelope<T> = { items: T[]; nextCursor: string | null; total: number };

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.t, key.id]), 'utf8').toString('base64url');
}

/** Cursors are opaque to clients; anything that is not one we issued is a validation error. */
export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  const fail = () => DomainError.validation('/cursor', 'is not a cursor this server issued');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    parsed[1].length === 0 ||
    parsed[1].length > 200
  ) {
    throw fail();
  }
  return { t: parsed[0] as number, id: parsed[1] };
}

/** Given limit+1 rows fetched newest first, the page and the cursor to the next one. */
export function page<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => PageKey,
  present: (row: R) => T,
  total: number,
): ListEnvelope<T> {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map(present),
    nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null,
    total,
  };
}

export type PageQueryType = Static<ReturnType<typeof Type.Object<typeof PageQuery>>>;
