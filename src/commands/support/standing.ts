import { autoRestrictUntil, standingWindowStart } from '../../domain/trust.js';
import type { Trx } from '../../storage/database.js';
import { appendAudit } from '../../storage/repositories/auditLog.js';
import { findMemberById } from '../../storage/repositories/members.js';
import { setRestrictedUntil } from '../../storage/repositories/moderation.js';
import { bumpStanding, standingSince } from '../../storage/repositories/standing.js';
import type { Deps } from '../deps.js';

/**
 * A "don't know" mark or a report on one of `senderId`'s invitations (M3): the sender's day
 * counter moves and, when the marks of the last 30 days reach RAPPORT_RESTRICT_AFTER_DONT_KNOW
 * and no restriction is running, they are restricted for RAPPORT_RESTRICT_DAYS, with a row in
 * the audit log so moderators see it. The caller holds the sender's row lock (lockMembers), so
 * many marks at once restrict them once.
 */
export async function countMarkAgainstSender(
  deps: Deps,
  trx: Trx,
  senderId: string,
  counter: 'dont_know' | 'invitation_reports',
  now: number,
): Promise<void> {
  await bumpStanding(trx, senderId, now, counter);
  const sums = await standingSince(trx, senderId, standingWindowStart(now));
  const marks = sums.dont_know + sums.invitation_reports;
  if (marks < deps.config.restrictAfterDontKnow) return;
  const sender = await findMemberById(trx, senderId);
  if (!sender) return;
  const until = autoRestrictUntil(marks, sender.restricted_until, now, deps.config);
  if (until === null) return;
  await setRestrictedUntil(trx, senderId, until);
  await appendAudit(trx, {
    at: now,
    moderator: null,
    action: 'auto_restrict',
    target: { id: sender.id, name: sender.name },
    reason: `${marks} "I don't know this person" marks and reports on their invitations within 30 days (threshold ${deps.config.restrictAfterDontKnow}); restricted for ${deps.config.restrictDays} days`,
  });
}
