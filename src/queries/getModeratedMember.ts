import type { Actor, Deps } from '../commands/deps.js';
import { policyOf } from '../commands/support/policy.js';
import { DomainError } from '../domain/errors.js';
import type { MemberSummary } from '../domain/members.js';
import { isRestricted, standingWindowStart, type Standing } from '../domain/trust.js';
import { findMemberById } from '../storage/repositories/members.js';
import { DAY } from '../domain/time.js';
import { sentSince, standingSince } from '../storage/repositories/standing.js';

export interface ModeratedMember {
  member: MemberSummary;
  email: string;
  /** The last 30 days, from the daily counters (M3). */
  standing: Standing & { memberReports30d: number };
  restrictedUntil: number | null;
  suspended: boolean;
  suspendedAt: number | null;
  moderator: boolean;
  /** The member's own sending limits (null: the configuration's), and what applies. */
  limits: {
    invitesPerDay: number | null;
    invitesPerWeek: number | null;
    maxPendingSent: number | null;
    effective: { invitesPerDay: number; invitesPerWeek: number; maxPendingSent: number };
  };
  /** Held as a counter: a moderator sees how many, never whom or what was written. */
  pendingSent: number;
  connections: number;
}

/**
 * A member as moderators see them (M4): standing, restriction, suspension, limits — counts only.
 * Nothing of the member's invitations is here; moderators see those only as reports' snapshots.
 */
export async function getModeratedMember(
  deps: Deps,
  _moderator: Actor,
  memberId: string,
): Promise<ModeratedMember> {
  const member = await findMemberById(deps.db, memberId);
  if (!member) throw DomainError.notFound('No such member');
  const now = deps.clock.now();
  const fromDay = standingWindowStart(now);
  const [sums, sent] = await Promise.all([
    standingSince(deps.db, member.id, fromDay),
    // The same window, from the invitations: a send keeps no counter of its own.
    sentSince(deps.db, member.id, fromDay * DAY),
  ]);
  const policy = policyOf(deps.config, member);
  return {
    member: { id: member.id, name: member.name, headline: member.headline },
    email: member.email,
    standing: {
      sent30d: sent,
      accepted30d: sums.accepted,
      dontKnow30d: sums.dont_know,
      reports30d: sums.invitation_reports + sums.member_reports,
      memberReports30d: sums.member_reports,
    },
    restrictedUntil: isRestricted(member.restricted_until, now) ? member.restricted_until : null,
    suspended: member.suspended_at !== null,
    suspendedAt: member.suspended_at,
    moderator: member.is_moderator === 1,
    limits: {
      invitesPerDay: member.invites_per_day,
      invitesPerWeek: member.invites_per_week,
      maxPendingSent: member.max_pending_sent,
      effective: {
        invitesPerDay: policy.invitesPerDay,
        invitesPerWeek: policy.invitesPerWeek,
        maxPendingSent: policy.maxPendingSent,
      },
    },
    pendingSent: member.pending_sent_count,
    connections: member.connection_count,
  };
}
