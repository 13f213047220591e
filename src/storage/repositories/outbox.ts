/**
 * The email outbox (N2). Rows are written by the use cases in their own transaction; the mail
 * worker claims due rows, re-reads the facts an email depends on, and removes each row once it
 * is sent or dropped. Claiming moves `due_at` forward by a lease in one conditional statement
 * (on PostgreSQL over rows locked with SKIP LOCKED), so two workers never claim the same row,
 * and a worker killed mid-send leaves its rows to be claimed again when the lease runs out.
 */
import { sql } from 'kysely';
import type { Dialect, Queryable } from '../database.js';
import type { EmailKind, NewOutboxRow, OutboxRow } from '../tables.js';
import { PENDING } from './invitations.js';

export async function insertOutboxRows(db: Queryable, rows: readonly NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('email_outbox')
    .values([...rows])
    .execute();
}

/**
 * Account deletion (A4): every row to the member or about them (their invitation, their
 * acceptance). Rare, so read from the whole table: an index for it would be written by every
 * send (storage/migrations/2026_12_04_1930_outbox_by_due.ts).
 */
export async function deleteOutboxRowsOf(db: Queryable, memberId: string): Promise<void> {
  await db
    .deleteFrom('email_outbox')
    .where((eb) => eb.or([eb('member_id', '=', memberId), eb('actor_id', '=', memberId)]))
    .execute();
}

/** A claimed row as its key: on SQLite the outbox is clustered on (due_at, id). */
export type OutboxKey = Pick<OutboxRow, 'id' | 'due_at'>;

/**
 * The distinct due times of `keys`. A statement about claimed rows names these beside their ids,
 * so on SQLite it reads a range of the clustered key rather than the whole table.
 */
export function duesOf(keys: readonly OutboxKey[]): number[] {
  return [...new Set(keys.map((k) => k.due_at))];
}

/** Claims up to `limit` pending rows due by `now`, each until `now + leaseMs`. */
export async function claimDueEmails(
  db: Queryable,
  dialect: Dialect,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  let due = db
    .selectFrom('email_outbox')
    .select('id')
    // Literal, so that SQLite may use the partial index over pending rows.
    .where('status', '=', PENDING)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('email_outbox')
    .set((eb) => ({ due_at: now + leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .where('status', '=', PENDING)
    .where('due_at', '<=', now)
    .returningAll()
    .execute();
}

/** The rows done with (sent or dropped), in one statement. */
export async function deleteOutboxRows(db: Queryable, keys: readonly OutboxKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('email_outbox')
    .where('due_at', 'in', duesOf(keys))
    .where(
      'id',
      'in',
      keys.map((k) => k.id),
    )
    .execute();
}

/** After a refusal the mail server may get over: try again at `dueAt`. */
export async function rescheduleOutboxRow(
  db: Queryable,
  row: OutboxKey,
  dueAt: number,
  error: string,
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ due_at: dueAt, last_error: error.slice(0, 1000) })
    .where('due_at', '=', row.due_at)
    .where('id', '=', row.id)
    .execute();
}

/** Given up on: kept (never sent) for the operator to look at; /metrics counts it. */
export async function failOutboxRow(db: Queryable, row: OutboxKey, error: string): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'failed', last_error: error.slice(0, 1000) })
    .where('due_at', '=', row.due_at)
    .where('id', '=', row.id)
    .execute();
}

/** The pending rows, soonest first: for tests and the demo's "send the first ones now". */
export async function pendingOutboxRows(db: Queryable, kind?: EmailKind): Promise<OutboxRow[]> {
  let query = db.selectFrom('email_outbox').selectAll().where('status', '=', PENDING);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('due_at').orderBy('id').execute();
}

/** Moves pending rows' due time (the demo makes its first emails due at once). */
export async function makeDue(db: Queryable, ids: readonly string[], dueAt: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('email_outbox')
    .set({ due_at: dueAt, first_due_at: dueAt })
    .where('id', 'in', [...ids])
    .execute();
}

export async function countFailedEmails(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', sql.lit('failed'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
