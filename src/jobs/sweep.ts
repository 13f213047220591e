import { autoWithdrawInvitations } from '../commands/autoWithdrawInvitations.js';
import type { Deps } from '../commands/deps.js';
import { expireInvitations } from '../commands/expireInvitations.js';
import { forgetExpiredSignIns } from '../commands/forgetExpiredSignIns.js';
import { remindOfStaleInvitations } from '../commands/remindOfStaleInvitations.js';
import { ttlCutoff } from '../domain/invitations.js';
import { DAY, WEEK } from '../domain/time.js';
import {
  autoWithdrawCandidates,
  autoWithdrawSettingsInUse,
  pendingSentUpTo,
  staleReminderCandidates,
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
  const expired = await expirePastTtl(deps, now, batchSize);
  const autoWithdrawn = await autoWithdraw(deps, now, batchSize);
  const remindersSent = await sendStaleReminders(deps, now, batchSize);
  const { sessionsDeleted, loginFailuresDeleted } = await forgetExpiredSignIns(deps, now);
  deps.metrics.sweeps.inc();
  return { expired, autoWithdrawn, remindersSent, sessionsDeleted, loginFailuresDeleted };
}

/** I9: pending invitations sent at or before now − TTL become `expired`. */
async function expirePastTtl(deps: Deps, now: number, batchSize: number): Promise<number> {
  const cutoff = ttlCutoff(now, deps.config.invitationTtlDays);
  let total = 0;
  for (;;) {
    // Ended rows leave this range, so each round finds new work or none.
    const batch = await pendingSentUpTo(deps.db, cutoff, batchSize);
    if (batch.length === 0) return total;
    total += await expireInvitations(deps, batch, now);
    if (batch.length < batchSize) return total;
  }
}

/** I9, C3: silently withdraw what members asked to have withdrawn after N days. */
async function autoWithdraw(deps: Deps, now: number, batchSize: number): Promise<number> {
  const ttl = ttlCutoff(now, deps.config.invitationTtlDays);
  let total = 0;
  for (const days of await autoWithdrawSettingsInUse(deps.db)) {
    const range = { cutoff: now - days * DAY, ttlCutoff: ttl };
    for (;;) {
      const batch = await autoWithdrawCandidates(deps.db, days, range, batchSize);
      if (batch.length === 0) break;
      const ended = await autoWithdrawInvitations(deps, batch, now);
      total += ended;
      // Nothing ended means every candidate was no longer due (setting changed under us) or was
      // ended by another sweep; looking again would find the same rows.
      if (batch.length < batchSize || ended === 0) break;
    }
  }
  return total;
}

/** I9, N1: stale reminders, at most one per member per REMINDER_INTERVAL, in batches of members. */
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
    total += await remindOfStaleInvitations(deps, { members, range, remindedBefore, now });
    if (members.length < batchSize) return total;
  }
}
