/**
 * The queries the sweep (src/jobs/sweep.ts) uses to find and claim its work. Finding is a plain
 * read; every change is a conditional statement, so two sweeps racing each other change a row
 * once: the loser's statement finds nothing left to do.
 */
import { chunk } from '../chunk.js';
import type { Queryable } from '../database.js';
import { PENDING } from './invitations.js';

export interface PendingCandidate {
  id: string;
  sender_id: string;
  recipient_id: string;
  sent_at: number;
}

/** Pending invitations sent at or before `cutoff`, oldest first (the TTL's index range). */
export async function pendingSentUpTo(
  db: Queryable,
  cutoff: number,
  limit: number,
): Promise<PendingCandidate[]> {
  return (
    db
      .selectFrom('invitations')
      .select(['id', 'sender_id', 'recipient_id', 'sent_at'])
      // Literal, so that the planner may use the partial index over pending invitations.
      .where('status', '=', PENDING)
      .where('sent_at', '<=', cutoff)
      .orderBy('sent_at')
      .orderBy('id')
      .limit(limit)
      .execute()
  );
}

/** The distinct auto-withdraw settings in use (C3): few values, each one index range. */
export async function autoWithdrawSettingsInUse(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectFrom('members')
    .select('auto_withdraw_after_days')
    .distinct()
    .where('auto_withdraw_after_days', 'is not', null)
    .execute();
  return rows.map((r) => Number(r.auto_withdraw_after_days)).sort((a, b) => a - b);
}

/**
 * Pending invitations of members whose auto-withdraw setting is `days`, sent in
 * (ttlCutoff, cutoff]: those already past the TTL read `expired`, never `withdrawn`.
 */
export async function autoWithdrawCandidates(
  db: Queryable,
  days: number,
  range: { cutoff: number; ttlCutoff: number },
  limit: number,
): Promise<PendingCandidate[]> {
  return db
    .selectFrom('invitations as i')
    .innerJoin('members as m', 'm.id', 'i.sender_id')
    .select(['i.id', 'i.sender_id', 'i.recipient_id', 'i.sent_at'])
    .where('m.auto_withdraw_after_days', '=', days)
    .where('i.status', '=', 'pending')
    .where('i.sent_at', '<=', range.cutoff)
    .where('i.sent_at', '>', range.ttlCutoff)
    .limit(limit)
    .execute();
}

/** The members' current auto-withdraw settings (read again under lock: they may have changed). */
export async function autoWithdrawSettingsOf(
  db: Queryable,
  memberIds: readonly string[],
): Promise<Map<string, number | null>> {
  const settings = new Map<string, number | null>();
  const unique = [...new Set(memberIds)];
  for (const part of chunk(unique)) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'auto_withdraw_after_days'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) settings.set(r.id, r.auto_withdraw_after_days);
  }
  return settings;
}

export interface StaleRange {
  /** Sent at or before this: pending for over the stale age. */
  staleCutoff: number;
  /** Sent after this: not yet past the TTL. */
  ttlCutoff: number;
}

/**
 * Members (in id order, after `afterId`) with at least one stale pending invitation who have not
 * had a reminder since `remindedBefore`.
 */
export async function staleReminderCandidates(
  db: Queryable,
  range: StaleRange & { remindedBefore: number; afterId: string | null },
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom('invitations as i')
    .innerJoin('members as m', 'm.id', 'i.sender_id')
    .select('i.sender_id')
    .where('i.status', '=', 'pending')
    .where('i.sent_at', '<=', range.staleCutoff)
    .where('i.sent_at', '>', range.ttlCutoff)
    .where((eb) =>
      eb.or([
        eb('m.last_stale_reminder_at', 'is', null),
        eb('m.last_stale_reminder_at', '<=', range.remindedBefore),
      ]),
    );
  if (range.afterId !== null) query = query.where('i.sender_id', '>', range.afterId);
  const rows = await query.groupBy('i.sender_id').orderBy('i.sender_id').limit(limit).execute();
  return rows.map((r) => r.sender_id);
}

/** How many stale pending invitations each member has (members with none are absent). */
export async function stalePendingCounts(
  db: Queryable,
  memberIds: readonly string[],
  range: StaleRange,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunk(memberIds)) {
    const rows = await db
      .selectFrom('invitations')
      .select((eb) => ['sender_id', eb.fn.countAll<number>().as('n')])
      .where('sender_id', 'in', part)
      .where('status', '=', 'pending')
      .where('sent_at', '<=', range.staleCutoff)
      .where('sent_at', '>', range.ttlCutoff)
      .groupBy('sender_id')
      .execute();
    for (const r of rows) counts.set(r.sender_id, Number(r.n));
  }
  return counts;
}

/**
 * Records a reminder for those members not reminded since `remindedBefore`, in one conditional
 * statement per chunk; returns the members this call claimed (a concurrent sweep gets none).
 */
export async function claimStaleReminders(
  db: Queryable,
  memberIds: readonly string[],
  at: number,
  remindedBefore: number,
): Promise<string[]> {
  const claimed: string[] = [];
  for (const part of chunk(memberIds)) {
    const rows = await db
      .updateTable('members')
      .set({ last_stale_reminder_at: at })
      .where('id', 'in', part)
      .where((eb) =>
        eb.or([eb('last_stale_reminder_at', 'is', null), eb('last_stale_reminder_at', '<=', remindedBefore)]),
      )
      .returning('id')
      .execute();
    claimed.push(...rows.map((r) => r.id));
  }
  return claimed;
}
