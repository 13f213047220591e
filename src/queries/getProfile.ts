import type { Actor, Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import { isPastTtl, relationshipOf, resendAllowedAt, type Relationship } from '../domain/invitations.js';
import type { MemberSummary } from '../domain/members.js';
import { emailRequirement } from '../domain/trust.js';
import { pairKey } from '../storage/ids.js';
import { pairFacts } from '../storage/repositories/blocks.js';
import { findPendingByPair, lastWithdrawnAt } from '../storage/repositories/invitations.js';
import { findMemberById } from '../storage/repositories/members.js';
import { NO_MUTUALS, mutualSummaries, type MutualSummary } from './support/mutualConnections.js';

export interface Profile {
  member: MemberSummary;
  relationship: Relationship;
  invitationId: string | null;
  connectionCount: number;
  /** With a resend cooldown configured: when the viewer may invite this member again (I12). */
  canInviteAt: number | null;
  /** Connections the viewer shares with this member (P1); none with oneself. */
  mutual: MutualSummary;
  /**
   * Whether Connect would need this member's email address: their own setting, their "don't
   * know" mark against the viewer, or the viewer's own restriction, one answer for all three.
   */
  invitationRequiresEmail: boolean;
}

/**
 * A member's profile as the viewer sees it (A2). A block either way reads exactly like "no such
 * member"; an invitation past its time to live is gone even before the sweep records it, and one
 * the viewer ignored reads `none` to them.
 */
export async function getProfile(deps: Deps, actor: Actor, memberId: string): Promise<Profile> {
  const member = await findMemberById(deps.db, memberId);
  // A suspended member reads as deleted (M4).
  if (!member || member.suspended_at !== null) throw DomainError.notFound('No such member');
  const self = member.id === actor.id;
  const between = self ? null : await pairFacts(deps.db, actor.id, member.id);
  if (between?.blocked) throw DomainError.notFound('No such member');
  const connected = between?.connected ?? false;
  const pending =
    self || connected ? undefined : await findPendingByPair(deps.db, pairKey(actor.id, member.id));
  const live =
    pending && !isPastTtl(pending.sent_at, deps.clock.now(), deps.config.invitationTtlDays)
      ? { id: pending.id, senderId: pending.sender_id, ignoredAt: pending.ignored_at }
      : null;
  const { relationship, invitationId } = relationshipOf(actor.id, member.id, connected, live);
  const cooldownDays = deps.config.resendCooldownDays;
  const canInviteAt =
    relationship === 'none' && cooldownDays > 0
      ? resendAllowedAt(
          await lastWithdrawnAt(deps.db, actor.id, pairKey(actor.id, member.id)),
          deps.clock.now(),
          cooldownDays,
        )
      : null;
  const invitationRequiresEmail =
    relationship === 'none' &&
    emailRequirement({
      recipientRequiresEmail: member.who_can_invite === 'email_required',
      recipientMarkedSenderUnknown: between?.unknownSender ?? false,
      senderRestrictedUntil: (await findMemberById(deps.db, actor.id))?.restricted_until ?? null,
      now: deps.clock.now(),
    }).required;
  const mutual = self
    ? NO_MUTUALS
    : ((await mutualSummaries(deps.db, actor.id, [member.id])).get(member.id) ?? NO_MUTUALS);
  return {
    canInviteAt,
    mutual,
    invitationRequiresEmail,
    member: { id: member.id, name: member.name, headline: member.headline },
    relationship,
    invitationId,
    connectionCount: member.connection_count,
  };
}
