/**
 * The SQL behind the Sent and Received tabs and the counts beside them (I4): pending invitations
 * of one member, not past their time to live, newest first, from the covering list indexes.
 */
import { sql } from 'kysely';
import type { Dialect, Queryable } from '../../storage/database.js';
import { containsPattern } from './containsPattern.js';
import { nameMutuals, NO_MUTUALS, type MutualSummary } from './mutualConnections.js';
import { olderThan, type PageKey } from './paging.js';

/** A pending invitation as a list row, with the other member's public fields. */
export interface ListedInvitation {
  id: string;
  message: string | null;
  sent_at: number;
  member_id: string;
  member_name: string;
  member_headline: string;
  /** Connections the viewer shares with the other member (P1); none when not asked for. */
  mutual: MutualSummary;
}

export interface ListFilter {
  /** Only invitations sent after this (the TTL cutoff): older pending ones are expired. */
  cutoff: number;
  /** Only invitations with sent_at ≤ this (the "older than" filter). */
  sentAtOrBefore?: number | undefined;
  /** Lower-cased text the other member's name must contain. */
  nameContains?: string | undefined;
}

function pendingQuery(db: Queryable, side: 'sent' | 'received', memberId: string, filter: ListFilter) {
  let query = db
    .selectFrom('invitations as i')
    .innerJoin('members as m', 'm.id', side === 'sent' ? 'i.recipient_id' : 'i.sender_id')
    .where(side === 'sent' ? 'i.sender_id' : 'i.recipient_id', '=', memberId)
    .where('i.status', '=', 'pending')
    .where('i.sent_at', '>', filter.cutoff);
  // The recipient never sees what they ignored; the sender still does (I8).
  if (side === 'received') query = query.where('i.ignored_at', 'is', null);
  if (filter.sentAtOrBefore !== undefined) query = query.where('i.sent_at', '<=', filter.sentAtOrBefore);
  if (filter.nameContains) {
    query = query.where(
      sql<boolean>`${sql.ref('m.name_lower')} like ${containsPattern(filter.nameContains)} escape '\\'`,
    );
  }
  return query;
}

/**
 * A page of pending invitations, in one statement. With `mutuals` (P1), each row brings the
 * count and the ids of up to three shared connections stored on the invitation
 * (storage/repositories/mutualCounts.ts; walked for rows where a change cleared them), named
 * from the process's cache of member names.
 */
export async function listPending(
  db: Queryable,
  dialect: Dialect,
  side: 'sent' | 'received',
  memberId: string,
  filter: ListFilter,
  after: PageKey | undefined,
  limit: number,
  mutuals = true,
): Promise<ListedInvitation[]> {
  let query = pendingQuery(db, side, memberId, filter)
    .select([
      'i.id',
      'i.message',
      'i.sent_at',
      'm.id as member_id',
      'm.name as member_name',
      'm.headline as member_headline',
    ])
    .$if(mutuals, (q) => q.select(['i.mutual_count', 'i.mutual_preview']));
  if (after) {
    // The redundant `sent_at <= t` is what lets both databases start the index range at the
    // cursor: the OR alone is no range bound, so page 200 would walk the 9,950 rows before it.
    query = query.where('i.sent_at', '<=', after.t).where((eb) => olderThan(eb, 'i.sent_at', 'i.id', after));
  }
  const rows = await query.orderBy('i.sent_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
  if (!mutuals) return rows.map((r) => ({ ...r, mutual: NO_MUTUALS }));
  const mutual = await nameMutuals(
    db,
    dialect,
    memberId,
    rows.map((row) => ({
      memberId: row.member_id,
      count: row.mutual_count ?? 0,
      preview: row.mutual_preview ?? null,
    })),
  );
  return rows.map((row, k) => {
    const { mutual_count: _count, mutual_preview: _ids, ...r } = row;
    return { ...r, mutual: mutual[k] ?? NO_MUTUALS };
  });
}

export async function countPending(
  db: Queryable,
  side: 'sent' | 'received',
  memberId: string,
  filter: ListFilter,
): Promise<number> {
  const row = await pendingQuery(db, side, memberId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Pending counts as members see them: the counters kept on the member row, less invitations past
 * their TTL that the sweep has not recorded yet (normally none: each is one short index probe).
 * One statement, as every list page asks for its total. Undefined when there is no such member.
 */
export async function pendingCounts(
  db: Queryable,
  memberId: string,
  cutoff: number,
): Promise<{ sent: number; received: number; connections: number } | undefined> {
  const staleSent = db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', memberId)
    .where('status', '=', 'pending')
    .where('sent_at', '<=', cutoff);
  const staleReceived = db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', memberId)
    .where('status', '=', 'pending')
    .where('sent_at', '<=', cutoff)
    .where('ignored_at', 'is', null);
  const member = await db
    .selectFrom('members')
    .select([
      sql<number>`${sql.ref('pending_sent_count')} - (${staleSent})`.as('sent'),
      sql<number>`${sql.ref('pending_received_count')} - (${staleReceived})`.as('received'),
      'connection_count',
    ])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member) return undefined;
  return {
    sent: Number(member.sent),
    received: Number(member.received),
    connections: member.connection_count,
  };
}
