import { WEEK } from '../domain/time.js';
import { DomainError } from '../domain/errors.js';
import { quotaFor, ttlCutoff, type Quota } from '../domain/invitations.js';
import { isRestricted } from '../domain/trust.js';
import { sentTimesSince } from '../storage/repositories/invitations.js';
import { findMemberById } from '../storage/repositories/members.js';
import type { Actor, Deps } from '../commands/deps.js';
import { policyOf } from '../commands/support/policy.js';
import { pendingCounts } from './support/pendingInvitations.js';

export interface SendingLimits extends Quota {
  /** Pending sent invitations held, and the most the member may hold (M3). */
  pending: { limit: number; used: number };
  /** Until when each invitation the member sends needs the recipient's email (M3); null: not restricted. */
  restrictedUntil: number | null;
}

/**
 * How much of the sending limits is used (I2, I7): every invitation sent in the rolling day and
 * week counts, whatever became of it, so a send-withdraw loop cannot free a slot. The member's own
 * limits (set by a moderator) apply when set.
 */
export async function invitationQuota(deps: Deps, actor: Actor): Promise<SendingLimits> {
  const now = deps.clock.now();
  const member = await findMemberById(deps.db, actor.id);
  if (!member) throw new DomainError('unauthorized');
  const policy = policyOf(deps.config, member);
  const sentTimes = await sentTimesSince(deps.db, actor.id, now - WEEK);
  // Pending as the Sent tab counts it: an invitation past its time to live is expired, swept or not.
  const counts = await pendingCounts(deps.db, actor.id, ttlCutoff(now, policy.invitationTtlDays));
  return {
    ...quotaFor(sentTimes, now, policy),
    pending: { limit: policy.maxPendingSent, used: Math.max(0, counts?.sent ?? 0) },
    restrictedUntil: isRestricted(member.restricted_until, now) ? member.restricted_until : null,
  };
}
