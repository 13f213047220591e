import type { Actor, Deps } from '../commands/deps.js';
import { csvLines } from '../csv.js';
import { isPastTtl, outcomeForSender, type InvitationStatus } from '../domain/invitations.js';
import type { MemberSummary } from '../domain/members.js';
import { DAY } from '../domain/time.js';
import type { Queryable } from '../storage/database.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';
import { suspendedMemberIds } from './support/suspended.js';

/**
 * Contact history (I10): every invitation a member ever sent, with the outcome as the sender
 * knows it. The same entries feed the paginated API list, its CSV download and `rapport export`.
 * An invitation to a member who is suspended now is left out, as a deleted member's is (M4), and
 * comes back when the suspension is lifted.
 */
export interface HistoryEntry {
  id: string;
  recipient: MemberSummary;
  message: string | null;
  sentAt: number;
  /** Never "ignored": an ignored invitation is still pending to its sender. */
  outcome: InvitationStatus;
  endedAt: number | null;
}

/** The exported shape (API items, JSON export): times as ISO-8601 UTC strings. */
export interface HistoryRecord {
  id: string;
  recipient: { id: string; name: string; headline: string };
  message: string | null;
  sentAt: string;
  outcome: InvitationStatus;
  endedAt: string | null;
}

export const HISTORY_CSV_COLUMNS = [
  'recipient_id',
  'recipient_name',
  'message',
  'sent_at',
  'outcome',
  'ended_at',
] as const;

interface HistoryRow {
  id: string;
  message: string | null;
  sent_at: number;
  status: InvitationStatus;
  ended_at: number | null;
  recipient_id: string;
  recipient_name: string;
  recipient_headline: string;
}

function historyRows(
  db: Queryable,
  senderId: string,
  after: PageKey | undefined,
  limit: number,
): Promise<HistoryRow[]> {
  let query = db
    .selectFrom('invitations as i')
    .innerJoin('members as r', 'r.id', 'i.recipient_id')
    .select([
      'i.id',
      'i.message',
      'i.sent_at',
      'i.status',
      'i.ended_at',
      'r.id as recipient_id',
      'r.name as recipient_name',
      'r.headline as recipient_headline',
    ])
    .where('i.sender_id', '=', senderId)
    .where('r.suspended_at', 'is', null);
  if (after) query = query.where((eb) => olderThan(eb, 'i.sent_at', 'i.id', after));
  return query.orderBy('i.sent_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

function toEntry(row: HistoryRow, now: number, ttlDays: number): HistoryEntry {
  const outcome = outcomeForSender(row.status, row.sent_at, now, ttlDays);
  // Past its time to live but not yet swept: it ended when its time ran out.
  const expiredUnswept = row.status === 'pending' && isPastTtl(row.sent_at, now, ttlDays);
  return {
    id: row.id,
    recipient: { id: row.recipient_id, name: row.recipient_name, headline: row.recipient_headline },
    message: row.message,
    sentAt: row.sent_at,
    outcome,
    endedAt: expiredUnswept ? row.sent_at + ttlDays * DAY : row.ended_at,
  };
}

/** One page of the history, newest first by (sentAt, id), and how many invitations it holds. */
export async function readInvitationHistory(
  deps: Deps,
  actor: Actor,
  input: { limit: number; after?: PageKey | undefined },
): Promise<Page<HistoryEntry>> {
  const now = deps.clock.now();
  const [rows, count] = await Promise.all([
    historyRows(deps.db, actor.id, input.after, input.limit + 1),
    deps.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sender_id', '=', actor.id)
      .where((eb) => eb('recipient_id', 'not in', suspendedMemberIds(eb)))
      .executeTakeFirst(),
  ]);
  const entries = rows.map((row) => toEntry(row, now, deps.config.invitationTtlDays));
  return pageOf(entries, input.limit, (e) => ({ t: e.sentAt, id: e.id }), Number(count?.n ?? 0));
}

/** The whole history in batches, newest first, without holding it all in memory. */
export async function* eachHistoryBatch(
  deps: Deps,
  memberId: string,
  batchSize = 1000,
): AsyncGenerator<HistoryEntry[]> {
  const now = deps.clock.now();
  let after: PageKey | undefined;
  for (;;) {
    const rows = await historyRows(deps.db, memberId, after, batchSize);
    if (rows.length > 0) yield rows.map((row) => toEntry(row, now, deps.config.invitationTtlDays));
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) return;
    after = { t: last.sent_at, id: last.id };
  }
}

export function historyRecord(entry: HistoryEntry): HistoryRecord {
  return {
    id: entry.id,
    recipient: { id: entry.recipient.id, name: entry.recipient.name, headline: entry.recipient.headline },
    message: entry.message,
    sentAt: new Date(entry.sentAt).toISOString(),
    outcome: entry.outcome,
    endedAt: entry.endedAt === null ? null : new Date(entry.endedAt).toISOString(),
  };
}

/** The history as CSV text, chunk by chunk: the header row, then one chunk per batch. */
export async function* invitationHistoryCsv(deps: Deps, memberId: string): AsyncGenerator<string> {
  yield csvLines([[...HISTORY_CSV_COLUMNS]]);
  for await (const batch of eachHistoryBatch(deps, memberId)) {
    yield csvLines(
      batch.map((e) => {
        const r = historyRecord(e);
        return [r.recipient.id, r.recipient.name, r.message ?? '', r.sentAt, r.outcome, r.endedAt ?? ''];
      }),
    );
  }
}

/** The history as one JSON array of records, chunk by chunk. */
export async function* invitationHistoryJson(deps: Deps, memberId: string): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of eachHistoryBatch(deps, memberId)) {
    const body = batch.map((e) => `\n  ${JSON.stringify(historyRecord(e))}`).join(',');
    yield first ? body : `,${body}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
