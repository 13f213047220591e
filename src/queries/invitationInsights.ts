import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { DAY, HOUR, WEEK } from '../domain/time.js';
import { ttlCutoff } from '../domain/invitations.js';
import type { Queryable } from '../storage/database.js';
import type { Database } from '../storage/tables.js';
import { suspendedMemberIds } from './support/suspended.js';
import type { Actor, Deps } from '../commands/deps.js';

/**
 * Insights (I11): how a member's invitations fare. Outcomes are the sender's (an ignored
 * invitation is pending; a pending one past its time to live is expired, even before the sweep
 * records it). Everything is counted by SQL aggregates over the sender's own index range.
 *
 * - totals: over all time.
 * - acceptanceRate: accepted ÷ decided (accepted + withdrawn + expired), separately for
 *   invitations sent with and without a note; still-pending ones are left out because their fate
 *   is unknown. Null when nothing is decided yet. A fraction from 0 to 1, four decimals.
 * - byNote: the outcome counts those rates come from, so that a reader sees how many were
 *   decided (a 100% of one is not a 100% of fifty).
 * - medianHoursToAccept: median of (acceptance − sending) over accepted invitations, in hours
 *   with one decimal; null when none was accepted.
 * - weekly: `weeks` ISO weeks (Monday 00:00 UTC), oldest first, the last one being the current
 *   week. `sent` counts by the week it was sent; accepted, withdrawn and expired by the week it
 *   ended (an unswept expiry ends at sentAt + TTL).
 *
 * Invitations to a member who is suspended now are left out of every figure, as a deleted
 * member's are (M4), until the suspension is lifted.
 */
export interface Insights {
  totals: { sent: number; accepted: number; withdrawn: number; expired: number; pending: number };
  acceptanceRate: { withNote: number | null; withoutNote: number | null };
  byNote: { withNote: Tally; withoutNote: Tally };
  medianHoursToAccept: number | null;
  weekly: { weekStart: number; sent: number; accepted: number; withdrawn: number; expired: number }[];
}

type Outcome = 'accepted' | 'withdrawn' | 'expired' | 'pending';
export type Tally = Record<Outcome, number>;

const emptyTally = (): Tally => ({ accepted: 0, withdrawn: 0, expired: 0, pending: 0 });

/** Monday 00:00 UTC of the ISO week that holds `ms`. */
export function isoWeekStart(ms: number): number {
  const d = new Date(ms);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY;
}

export async function invitationInsights(deps: Deps, actor: Actor, weeks: number): Promise<Insights> {
  const now = deps.clock.now();
  const ttl = deps.config.invitationTtlDays * DAY;
  const cutoff = ttlCutoff(now, deps.config.invitationTtlDays);
  const [byNote, weekly, medianMs] = await Promise.all([
    outcomesByNote(deps.db, actor.id, cutoff),
    weeklyCounts(deps.db, actor.id, isoWeekStart(now) - (weeks - 1) * WEEK, weeks, cutoff, ttl),
    medianTimeToAccept(deps.db, actor.id),
  ]);
  const total = (o: Outcome) => byNote.withNote[o] + byNote.withoutNote[o];
  return {
    totals: {
      sent: (['accepted', 'withdrawn', 'expired', 'pending'] as const).reduce((n, o) => n + total(o), 0),
      accepted: total('accepted'),
      withdrawn: total('withdrawn'),
      expired: total('expired'),
      pending: total('pending'),
    },
    acceptanceRate: { withNote: rate(byNote.withNote), withoutNote: rate(byNote.withoutNote) },
    byNote,
    medianHoursToAccept: medianMs === null ? null : Math.round((medianMs / HOUR) * 10) / 10,
    weekly,
  };
}

function rate(t: Tally): number | null {
  const decided = t.accepted + t.withdrawn + t.expired;
  return decided === 0 ? null : Math.round((t.accepted / decided) * 10_000) / 10_000;
}

/** A suspended member reads as deleted (M4): invitations to one count for nothing until lifted. */
const notToSuspended = (eb: ExpressionBuilder<Database, 'invitations'>) =>
  eb('recipient_id', 'not in', suspendedMemberIds(eb));

const hasNote = sql<number>`case when message is null then 0 else 1 end`;

async function outcomesByNote(db: Queryable, senderId: string, cutoff: number) {
  const [byStatus, unswept] = await Promise.all([
    db
      .selectFrom('invitations')
      .select(['status', hasNote.as('has_note'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .groupBy(['status', hasNote])
      .execute(),
    // Pending past the time to live: expired to the sender, whether or not the sweep has run.
    db
      .selectFrom('invitations')
      .select([hasNote.as('has_note'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .where('status', '=', 'pending')
      .where('sent_at', '<=', cutoff)
      .groupBy(hasNote)
      .execute(),
  ]);
  const result = { withNote: emptyTally(), withoutNote: emptyTally() };
  const side = (flag: number | string) => (Number(flag) === 1 ? result.withNote : result.withoutNote);
  for (const row of byStatus) side(row.has_note)[row.status] += Number(row.n);
  for (const row of unswept) {
    side(row.has_note).pending -= Number(row.n);
    side(row.has_note).expired += Number(row.n);
  }
  return result;
}

/**
 * Bucket arithmetic on epoch milliseconds, portable to SQLite and PostgreSQL (integer division of
 * integers). The bounds are inlined as integer literals so the grouped expression is the same
 * text in SELECT and GROUP BY, which PostgreSQL requires.
 */
function weekOf(column: RawBuilder<number>, start: number): RawBuilder<number> {
  return sql<number>`(${column} - ${sql.lit(Math.trunc(start))}) / ${sql.lit(WEEK)}`;
}

async function weeklyCounts(
  db: Queryable,
  senderId: string,
  start: number,
  weeks: number,
  cutoff: number,
  ttl: number,
): Promise<Insights['weekly']> {
  const sentWeek = weekOf(sql<number>`sent_at`, start);
  const endedWeek = weekOf(sql<number>`ended_at`, start);
  const expiryWeek = weekOf(sql<number>`sent_at + ${sql.lit(ttl)}`, start);
  const [sent, ended, unswept] = await Promise.all([
    db
      .selectFrom('invitations')
      .select([sentWeek.as('week'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .where('sent_at', '>=', start)
      .groupBy(sentWeek)
      .execute(),
    db
      .selectFrom('invitations')
      .select(['status', endedWeek.as('week'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .where('status', '!=', 'pending')
      .where('ended_at', '>=', start)
      .groupBy(['status', endedWeek])
      .execute(),
    db
      .selectFrom('invitations')
      .select([expiryWeek.as('week'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .where('status', '=', 'pending')
      .where('sent_at', '<=', cutoff)
      .where('sent_at', '>=', start - ttl)
      .groupBy(expiryWeek)
      .execute(),
  ]);
  const buckets = Array.from({ length: weeks }, (_, i) => ({
    weekStart: start + i * WEEK,
    sent: 0,
    accepted: 0,
    withdrawn: 0,
    expired: 0,
  }));
  // Rows dated after the current week (only possible with imported future times) are left out.
  const at = (week: number | string) => buckets[Number(week)];
  for (const row of sent) {
    const b = at(row.week);
    if (b) b.sent += Number(row.n);
  }
  for (const row of ended) {
    const b = at(row.week);
    if (b && row.status !== 'pending') b[row.status] += Number(row.n);
  }
  for (const row of unswept) {
    const b = at(row.week);
    if (b) b.expired += Number(row.n);
  }
  return buckets;
}

async function medianTimeToAccept(db: Queryable, senderId: string): Promise<number | null> {
  const accepted = () =>
    db
      .selectFrom('invitations')
      .where('sender_id', '=', senderId)
      .where(notToSuspended)
      .where('status', '=', 'accepted')
      .where('ended_at', 'is not', null);
  const count = await accepted()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const n = Number(count?.n ?? 0);
  if (n === 0) return null;
  // The middle one or two durations, found by ordering; no dialect-specific percentile function.
  const duration = sql<number>`ended_at - sent_at`;
  const middle = await accepted()
    .select(duration.as('d'))
    .orderBy(duration)
    .limit(n % 2 === 1 ? 1 : 2)
    .offset(Math.floor((n - 1) / 2))
    .execute();
  return middle.reduce((sum, row) => sum + Number(row.d), 0) / middle.length;
}
