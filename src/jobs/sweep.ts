import { DAY, WEEK } from '../clock.js';
import { inTransaction, type Deps } from '../commands/deps.js';
import { LOGIN_WINDOW } from '../commands/logIn.js';
import { afterInvitationsEnded } from '../commands/support/endInvitations.js';
import { ttlCutoff } from '../domain/invitations.js';
import type { Trx } from '../storage/database.js';
import { endPendingInvitations } from '../storage/repositories/invitations.js';
import { deleteLoginFailuresUpTo } from '../storage/repositories/loginFailures.js';
import { lockMembers } from '../storage/repositories/members.js';
import { insertNotifications } from '../storage/repositories/notifications.js';
import { deleteExpiredSessions } from '../storage/repositories/sessions.js';
import {
  autoWithdrawCandidates,
  autoWithdrawSettingsInUse,
  autoWithdrawSettingsOf,
  claimStaleReminders,
  pendingSentUpTo,
  stalePendingCounts,
  staleReminderCandidates,
  type PendingCandidate,
  type StaleRange,
} from '../storage/repositories/sweep.js';

export interface SweepReport {
  /** Pending invitations past the TTL, now recorded as expired (I9). */
  expired: number;
  /** Pending invitations withdrawn by their senders' auto-withdraw setting (I9, C3). */
  autoWithdrawn: number;
  /** Stale-invitation reminders created (I9, N1). */
  remindersSent: number;
  sessionsDeleted: number;
  loginFailuresDeleted: number;
}

export interface SweepOptions {
  /** Rows per transaction, so a huge backlog never holds one giant lock. */
  batchSize?: number;
}

/** At most one stale reminder per member in this long (design/api.md). */
export const REMINDER_INTERVAL = WEEK;

/**
 * Once: expire invitations past their TTL, apply members' auto-withdraw settings, send stale
 * reminders, forget expired sessions and old failed sign-ins. Idempotent and safe when several
 * processes run it at once: every change is a conditional statement over rows still in the state
 * it changes, so each row is ended, and each reminder claimed, by one sweep only.
 */
export async function runSweep(deps: Deps, options: SweepOptions = {}): Promise<SweepReport> {
  const batchSize = options.batchSize ?? 1000;
  // One instant for the whole run, so its phases agree on what is due.
  const now = deps.clock.now();
  const expired = await expireInvitations(deps, now, batchSize);
  const autoWithdrawn = await autoWithdraw(deps, now, batchSize);
  const remindersSent = await sendStaleReminders(deps, now, batchSize);
  const sessionsDeleted = await deleteExpiredSessions(deps.db, now);
  const loginFailuresDeleted = await deleteLoginFailuresUpTo(deps.db, now - LOGIN_WINDOW);
  deps.metrics.sweeps.inc();
  return { expired, autoWithdrawn, remindersSent, sessionsDeleted, loginFailuresDeleted };
}

/**
 * Ends one batch in its own transaction, with the bookkeeping every ended invitation shares
 * (counters, the recipient's notification, live removal). `keep` may narrow the batch once its
 * members are locked. Returns how many this call ended.
 */
async function endBatch(
  deps: Deps,
  batch: readonly PendingCandidate[],
  status: 'expired' | 'withdrawn',
  now: number,
  keep: (trx: Trx, batch: readonly PendingCandidate[]) => Promise<PendingCandidate[]> = async (_, b) => [
    ...b,
  ],
): Promise<number> {
  return inTransaction(deps, async (trx, events) => {
    await lockMembers(
      trx,
      deps.dialect,
      batch.flatMap((i) => [i.sender_id, i.recipient_id]),
    );
    const ids = (await keep(trx, batch)).map((i) => i.id);
    const ended = await endPendingInvitations(trx, ids, status, now, {
      ttlMs: deps.config.invitationTtlDays * DAY,
    });
    await afterInvitationsEnded(deps, trx, events, ended, status);
    return ended.length;
  });
}

/** I9: pending invitations sent at or before now − TTL become `expired`. */
async function expireInvitations(deps: Deps, now: number, batchSize: number): Promise<number> {
  const cutoff = ttlCutoff(now, deps.config.invitationTtlDays);
  let total = 0;
  for (;;) {
    // Ended rows leave this range, so each round finds new work or none.
    const batch = await pendingSentUpTo(deps.db, cutoff, batchSize);
    if (batch.length === 0) return total;
    total += await endBatch(deps, batch, 'expired', now);
    if (batch.length < batchSize) return total;
  }
}

/** I9, C3: silently withdraw what members asked to have withdrawn after N days. */
async function autoWithdraw(deps: Deps, now: number, batchSize: number): Promise<number> {
  const ttl = ttlCutoff(now, deps.config.invitationTtlDays);
  // The setting may change between finding and locking: apply the one in force under the lock.
  const stillDue = async (trx: Trx, batch: readonly PendingCandidate[]) => {
    const settings = await autoWithdrawSettingsOf(
      trx,
      batch.map((i) => i.sender_id),
    );
    return batch.filter((i) => {
      const days = settings.get(i.sender_id);
      return days !== null && days !== undefined && i.sent_at <= now - days * DAY;
    });
  };
  let total = 0;
  for (const days of await autoWithdrawSettingsInUse(deps.db)) {
    const range = { cutoff: now - days * DAY, ttlCutoff: ttl };
    for (;;) {
      const batch = await autoWithdrawCandidates(deps.db, days, range, batchSize);
      if (batch.length === 0) break;
      const ended = await endBatch(deps, batch, 'withdrawn', now, stillDue);
      total += ended;
      // Nothing ended means every candidate was no longer due (setting changed under us) or was
      // ended by another sweep; looking again would find the same rows.
      if (batch.length < batchSize || ended === 0) break;
    }
  }
  return total;
}

/**
 * I9, N1: "N invitations have been pending for over a month" — at most one per member per
 * REMINDER_INTERVAL. The conditional claim on members.last_stale_reminder_at decides who gets one,
 * so concurrent sweeps never remind anyone twice.
 */
async function sendStaleReminders(deps: Deps, now: number, batchSize: number): Promise<number> {
  const range: StaleRange = {
    staleCutoff: now - deps.config.staleReminderDays * DAY,
    ttlCutoff: ttlCutoff(now, deps.config.invitationTtlDays),
  };
  const remindedBefore = now - REMINDER_INTERVAL;
  let afterId: string | null = null;
  let total = 0;
  for (;;) {
    const members = await staleReminderCandidates(deps.db, { ...range, remindedBefore, afterId }, batchSize);
    if (members.length === 0) return total;
    afterId = members[members.length - 1] as string;
    total += await inTransaction(deps, async (trx, events) => {
      await lockMembers(trx, deps.dialect, members);
      const counts = await stalePendingCounts(trx, members, range);
      const claimed = await claimStaleReminders(trx, [...counts.keys()], now, remindedBefore);
      const ids = await insertNotifications(
        trx,
        claimed.map((memberId) => ({
          memberId,
          type: 'stale_invitations_reminder' as const,
          actorId: null,
          invitationId: null,
          count: counts.get(memberId) ?? 0,
          createdAt: now,
        })),
      );
      claimed.forEach((memberId, i) =>
        events.emit({ type: 'notification', memberId, notificationId: ids[i] as string }),
      );
      return claimed.length;
    });
    if (members.length < batchSize) return total;
  }
}
