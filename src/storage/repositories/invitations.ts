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

/**
 * How many of the sender's pending invitations are past their time to live but not yet swept
 * (normally none): one short probe of the sender's index range, asked only when the counter alone
 * would refuse a send at the pending cap.
 */
export async function expiredUnsweptSentCount(
  db: Queryable,
  senderId: string,
  cutoff: number,
): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', senderId)
    .where('status', '=', PENDING)
    .where('sent_at', '<=', cutoff)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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
      // The names to show go with the pending state: an ended invitation keeps no member's id
      // it was never about (account deletion leaves none behind).
      .set({ status, ended_at: endedAtValue, mutual_preview: null })
      .where('id', 'in', part)
      .where('status', '=', 'pending');
    if (scope.senderId) query = query.where(byRowOnly('sender_id'), '=', scope.senderId);
    if (scope.recipientId) query = query.where(byRowOnly('recipient_id'), '=', scope.recipientId);
    ended.push(...(await query.returning(['id', 'sender_id', 'recipient_id', 'ignored_at']).execute()));
  }
  return ended;
}

/** Invitations to add (an import), in batches. */
export async function insertInvitations(db: Queryable, rows: readonly NewInvitation[]): Promise<void> {
  for (const part of chunk(rows)) await db.insertInto('invitations').values(part).execute();
}

/**
 * Marks a pending, not yet ignored invitation ignored by its recipient; returns whether this call
 * did (a concurrent accept or withdrawal leaves nothing to ignore).
 */
export async function markIgnored(db: Queryable, id: string, at: number): Promise<boolean> {
  const updated = await db
    .updateTable('invitations')
    .set({ ignored_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('ignored_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Those of `ids` that are the sender's pending invitations sent after `cutoff` (the TTL). */
export async function pendingSentAmong(
  db: Queryable,
  senderId: string,
  ids: readonly string[],
  cutoff: number,
): Promise<{ id: string; recipient_id: string }[]> {
  const rows: { id: string; recipient_id: string }[] = [];
  for (const part of chunk(ids)) {
    rows.push(
      ...(await db
        .selectFrom('invitations')
        .select(['id', 'recipient_id'])
        .where('id', 'in', part)
        .where('sender_id', '=', senderId)
        .where('status', '=', 'pending')
        .where('sent_at', '>', cutoff)
        .execute()),
    );
  }
  return rows;
}

/**
 * Those of `ids` the recipient can still answer: received by them, pending, not ignored, sent
 * after `cutoff` (the TTL). One statement per 500 ids, for a bulk accept.
 */
export async function pendingReceivedAmong(
  db: Queryable,
  recipientId: string,
  ids: readonly string[],
  cutoff: number,
): Promise<{ id: string; sender_id: string }[]> {
  const rows: { id: string; sender_id: string }[] = [];
  for (const part of chunk(ids)) {
    rows.push(
      ...(await db
        .selectFrom('invitations')
        .select(['id', 'sender_id'])
        .where('id', 'in', part)
        .where('recipient_id', '=', recipientId)
        .where('status', '=', 'pending')
        .where('ignored_at', 'is', null)
        .where('sent_at', '>', cutoff)
        .execute()),
    );
  }
  return rows;
}

/** The sender's pending invitations sent in (cutoff, sentAtOrBefore]: "older than N days". */
export async function pendingSentBetween(
  db: Queryable,
  senderId: string,
  sentAtOrBefore: number,
  cutoff: number,
): Promise<{ id: string; recipient_id: string }[]> {
  return db
    .selectFrom('invitations')
    .select(['id', 'recipient_id'])
    .where('sender_id', '=', senderId)
    .where('status', '=', 'pending')
    .where('sent_at', '<=', sentAtOrBefore)
    .where('sent_at', '>', cutoff)
    .execute();
}

/** The pending invitations for these pair keys (an import checks the pairs it names). */
export async function pendingByPairKeys(
  db: Queryable,
  pairKeys: readonly string[],
): Promise<{ id: string; pair_key: string; sent_at: number }[]> {
  const rows: { id: string; pair_key: string; sent_at: number }[] = [];
  for (const part of chunk(pairKeys)) {
    rows.push(
      ...(await db
        .selectFrom('invitations')
        .select(['id', 'pair_key', 'sent_at'])
        .where('pair_key', 'in', part)
        .where('status', '=', PENDING)
        .execute()),
    );
  }
  return rows;
}

/** Everyone the member ever invited or was invited by. */
export async function invitationCounterparts(db: Queryable, memberId: string): Promise<string[]> {
  const recipients = await db
    .selectFrom('invitations')
    .select('recipient_id as id')
    .where('sender_id', '=', memberId)
    .distinct()
    .execute();
  const senders = await db
    .selectFrom('invitations')
    .select('sender_id as id')
    .where('recipient_id', '=', memberId)
    .distinct()
    .execute();
  return [...recipients, ...senders].map((r) => r.id);
}

/** The member's pending invitations their recipients see (not ignored). */
export async function pendingSentVisible(
  db: Queryable,
  senderId: string,
): Promise<{ id: string; recipient_id: string }[]> {
  return db
    .selectFrom('invitations')
    .select(['id', 'recipient_id'])
    .where('sender_id', '=', senderId)
    .where('status', '=', 'pending')
    .where('ignored_at', 'is', null)
    .execute();
}

/** The senders of the member's pending received invitations, one entry per invitation. */
export async function sendersOfPendingReceived(db: Queryable, recipientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('sender_id')
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.sender_id);
}

/** Deletes every invitation the member sent or received (account deletion). */
export async function deleteInvitationsOf(db: Queryable, memberId: string): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where((eb) => eb.or([eb('sender_id', '=', memberId), eb('recipient_id', '=', memberId)]))
    .execute();
}

/** Every pending invitation the member sent or received (a suspension ends them all). */
export async function pendingOfMember(
  db: Queryable,
  memberId: string,
): Promise<{ id: string; sender_id: string; recipient_id: string; sent_at: number }[]> {
  const sent = await db
    .selectFrom('invitations')
    .select(['id', 'sender_id', 'recipient_id', 'sent_at'])
    .where('sender_id', '=', memberId)
    .where('status', '=', PENDING)
    .execute();
  const received = await db
    .selectFrom('invitations')
    .select(['id', 'sender_id', 'recipient_id', 'sent_at'])
    .where('recipient_id', '=', memberId)
    .where('status', '=', PENDING)
    .execute();
  return [...sent, ...received];
}
