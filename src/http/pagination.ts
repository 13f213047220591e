import { Type, type Static, type TSchema } from 'typebox';
import { DomainError } from '../domain/errors.js';
import type { Page, PageKey } from '../queries/support/paging.js';

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

/** A cursor is a JSON array in base64url: opaque to clients, checked part by part when it returns. */
export function encodeCursorParts(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/**
 * The parts of a cursor, if `valid` accepts them; anything that is not a cursor this server
 * issued is a validation error (cursors are opaque to clients).
 */
export function decodeCursorParts<T>(cursor: string, valid: (parts: unknown[]) => T | undefined): T {
  const fail = () => DomainError.validation('/cursor', 'is not a cursor this server issued');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  const value = Array.isArray(parsed) ? valid(parsed) : undefined;
  if (value === undefined) throw fail();
  return value;
}

/** An id as cursors carry it: non-empty and no longer than any id we issue. */
export function isCursorId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

export function encodeCursor(key: PageKey): string {
  return encodeCursorParts([key.t, key.id]);
}

export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  return decodeCursorParts(cursor, ([t, id, ...rest]) =>
    rest.length === 0 && Number.isSafeInteger(t) && isCursorId(id) ? { t: t as number, id } : undefined,
  );
}

/** A page a query read, as the list envelope: its rows presented, its next key as a cursor. */
export function presentPage<R, T, K = PageKey>(
  page: Page<R, K>,
  present: (row: R) => T,
  encode: (key: K) => string = encodeCursor as (key: K) => string,
): ListEnvelope<T> {
  return {
    items: page.rows.map(present),
    nextCursor: page.next === null ? null : encode(page.next),
    total: page.total,
  };
}

export type PageQueryType = Static<ReturnType<typeof Type.Object<typeof PageQuery>>>;
