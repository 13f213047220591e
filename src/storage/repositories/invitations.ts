import { sql } from 'kysely';
import { chunk } from '../chunk.js';
import type { Queryable } from '../database.js';
import type { InvitationStatus } from '../../domain/invitations.js';
import type { InvitationRow, NewInvitation } from '../tables.js';

/**
 * Statuses written into the SQL text rather than bound: a partial index (`where status =
 * 'pending'`) is used only by a query whose own condition names the same literal.
 */
export const PENDING = sql.lit<'pending'>('pending');
export const WITHDRAWN = sql.lit<'withdrawn'>('withdrawn');

export async function insertInvitation(db: Queryable, row: NewInvitation): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export async function findInvitation(db: Queryable, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPendingByPair(db: Queryable, pairKey: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('pair_key', '=', pairKey)
    .where('status', '=', PENDING)
    .executeTakeFirst();
}

/**
 * The senders of those of `ids` that `recipientId` received, whatever their state: a bulk action
 * locks them all (lockMembers, in id order) before it changes any, so it cannot deadlock with a
 * single action on one of them.
 */
export async function sendersOfReceived(
  db: Queryable,
  recipientId: string,
  ids: readonly string[],
): Promise<string[]> {
  const senders = new Set<string>();
  for (const part of chunk(ids)) {
    const rows = await db
      .selectFrom('invitations')
      .select('sender_id')
      .where('id', 'in', part)
      .where('recipient_id', '=', recipientId)
      .execute();
    for (const r of rows) senders.add(r.sender_id);
  }
  return [...senders];
}

/** Send times of every invitation the member sent since `since` (all outcomes count toward quota). */
export async function sentTimesSince(db: Queryable, senderId: string, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('sent_at')
    .where('sender_id', '=', senderId)
    .where('sent_at', '>', since)
    .execute();
  return rows.map((r) => r.sent_at);
}

export async function lastWithdrawnAt(
  db: Queryable,
  senderId: string,
  pairKey: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.max('ended_at').as('at'))
    .where('pair_key', '=', pairKey)
    .where('sender_id', '=', senderId)
    .where('status', '=', WITHDRAWN)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

export interface EndedInvitation {
  id: string;
  sender_id: string;
  recipient_id: string;
  ignored_at: number | null;
}

/**
 * A member column as an expression, checked on the rows the primary key found. Left bare, the
 * planner may prefer an index leading with it (sender_id, status, …) over the ids, and for a
 * member with 10,000 pending invitations every chunk would walk all 10,000 (test/sqlite).
 */
function byRowOnly(column: 'sender_id' | 'recipient_id') {
  return sql<string>`coalesce(${sql.ref(column)}, '')`;
}

/**
 * Ends pending invitations in one set-based statement per chunk: only rows still pending change,
 * so a concurrent accept and withdraw cannot both win. Returns the rows that this call ended.
 *
 * An expiry given `ttlMs` is recorded as ending when its time ran out (sent_at + TTL) if that was
 * before `endedAt`: whether the sweep, a send or a block happens to record it later must not
 * change the history and insights the sender reads, which show sent_at + TTL before it is
 * recorded.
 */
export async function endPendingInvitations(
  db: Queryable,
  ids: readonly string[],
  status: Exclude<InvitationStatus, 'pending'>,
  endedAt: number,
  scope: { senderId?: string; recipientId?: string; ttlMs?: number } = {},
): Promise<EndedInvitation[]> {
  const ended: EndedInvitation[] = [];
  const ttl = status === 'expired' ? scope.ttlMs : undefined;
  const endedAtValue =
    ttl === undefined
      ? endedAt
      : sql<number>`case when sent_at + ${ttl} < ${endedAt} then sent_at + ${ttl} else ${endedAt} end`;
  for (const part of chunk(ids)) {
    let query = db
      .updateTable('invitations')
      .set({ status, ended_at: endedAtValue })
      .where('id', 'in', part)
      .where('status', '=', 'pending');
    if (scope.senderId) query = query.where(byRowOnly('sender_id'), '=', scope.senderId);
    if (scope.recipientId) query = query.where(byRowOnly('recipient_id'), '=', scope.recipientId);
    ended.push(...(await query.returning(['id', 'sender_id', 'recipient_id', 'ignored_at']).execute()));
  }
  return ended;
}
