import { DAY } from '../../domain/time.js';
import { DomainError } from '../../domain/errors.js';
import { decideSuspend } from '../../domain/trust.js';
import { sessionsEnded } from '../../events/bus.js';
import type { Trx } from '../../storage/database.js';
import { appendAudit } from '../../storage/repositories/auditLog.js';
import { endPendingInvitations, pendingOfMember } from '../../storage/repositories/invitations.js';
import { adjustCounter, lockAndLoadMembers, lockMembers } from '../../storage/repositories/members.js';
import {
  heldConnectionsOf,
  holdConnections,
  restoreConnections,
  setConnectionCount,
  setRestrictedUntil,
  setSuspendedAt,
} from '../../storage/repositories/moderation.js';
import { connectedMembers } from '../../storage/repositories/connections.js';
import { deleteMemberSessions } from '../../storage/repositories/sessions.js';
import type { MemberRow } from '../../storage/tables.js';
import type { Actor, Deps, EventSink } from '../deps.js';
import { afterInvitationsEnded } from './endInvitations.js';

export type Moderator = { id: string; name: string };

/**
 * The moderator and the member they act on, locked in id order. Someone who is not (or no longer)
 * a moderator gets "not found", as the routes answer; so does a member that does not exist.
 */
export async function lockModeratorAndMember(
  deps: Deps,
  trx: Trx,
  actor: Actor,
  memberId: string,
): Promise<{ moderator: Moderator; member: MemberRow }> {
  const rows = await lockAndLoadMembers(trx, deps.dialect, [actor.id, memberId]);
  const moderator = rows.get(actor.id);
  if (!moderator || moderator.is_moderator !== 1 || moderator.suspended_at !== null) {
    throw DomainError.notFound('No such resource');
  }
  const member = rows.get(memberId);
  if (!member) throw DomainError.notFound('No such member');
  return { moderator: { id: moderator.id, name: moderator.name }, member };
}

/**
 * Suspends a member (M4), in the caller's transaction, which holds the member's row lock:
 * sessions end and their open live streams close (a sessions_ended event), pending invitations both
 * ways end silently as a block ends them, and the connections are held aside so that to everyone
 * else the member reads as deleted. Nothing is deleted: lifting puts the connections back.
 * Returns false when the member was already suspended.
 */
export async function suspendWithin(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  moderator: Moderator,
  member: MemberRow,
  reason: string,
  reportId: string | null = null,
): Promise<boolean> {
  const now = deps.clock.now();
  if (
    decideSuspend(moderator.id, {
      id: member.id,
      isModerator: member.is_moderator === 1,
      suspendedAt: member.suspended_at,
    }) === 'already'
  ) {
    return false;
  }
  await setSuspendedAt(trx, member.id, now);
  // Everyone whose counters move is locked, in id order after the member: a send to or from the
  // member that was in flight has either committed (and is found here) or will find them suspended.
  const pending = await pendingOfMember(trx, member.id);
  const connected = await connectedMembers(trx, member.id);
  await lockMembers(trx, deps.dialect, [
    ...pending.map((i) => (i.sender_id === member.id ? i.recipient_id : i.sender_id)),
    ...connected,
  ]);
  const ttlMs = deps.config.invitationTtlDays * DAY;
  // One already past its time to live is left for the sweep: it ended as an expiry, not by this.
  const sent = pending
    .filter((i) => i.sender_id === member.id && Number(i.sent_at) + ttlMs > now)
    .map((i) => i.id);
  const received = pending.filter((i) => i.sender_id !== member.id).map((i) => i.id);
  // To a sender, an invitation the member received reads as one the recipient let lapse.
  const withdrawn = await endPendingInvitations(trx, sent, 'withdrawn', now);
  await afterInvitationsEnded(deps, trx, events, withdrawn, 'withdrawn');
  const expired = await endPendingInvitations(trx, received, 'expired', now, { ttlMs });
  await afterInvitationsEnded(deps, trx, events, expired, 'expired');

  const others = await holdConnections(trx, member.id);
  await adjustCounter(trx, 'connection_count', others, -1);
  await deleteMemberSessions(trx, member.id);
  // Every open live stream of theirs, in any process, closes once this commits.
  events.emit(sessionsEnded(member.id, { allBut: null }));
  await appendAudit(trx, {
    at: now,
    moderator,
    action: 'suspend',
    target: { id: member.id, name: member.name },
    reason,
    reportId,
  });
  return true;
}

/**
 * Lifts a suspension (M4): the held connections come back as they were, false when not suspended.
 * All of them, even where the other member filled the freed slot meanwhile and so passes the
 * connection cap: dropping one would let a suspension delete a connection the other member never
 * gave up. The overshoot is bounded (by that member's connections held at once, so under twice the
 * cap) and the cap still refuses them anything new until they are below it (docs/architecture.md).
 */
export async function unsuspendWithin(
  deps: Deps,
  trx: Trx,
  moderator: Moderator,
  member: MemberRow,
  reason: string,
): Promise<boolean> {
  if (member.suspended_at === null) return false;
  await lockMembers(trx, deps.dialect, await heldConnectionsOf(trx, member.id));
  const others = await restoreConnections(trx, member.id);
  await adjustCounter(trx, 'connection_count', others, 1);
  // Connections whose other member deleted their account meanwhile are gone with it.
  await setConnectionCount(trx, member.id, others.length);
  await setSuspendedAt(trx, member.id, null);
  await appendAudit(trx, {
    at: deps.clock.now(),
    moderator,
    action: 'unsuspend',
    target: { id: member.id, name: member.name },
    reason,
  });
  return true;
}

/** Restricts a member's sending until `until` (M3, M4), logged. */
export async function restrictWithin(
  deps: Deps,
  trx: Trx,
  moderator: Moderator,
  member: MemberRow,
  until: number,
  reason: string,
  reportId: string | null = null,
): Promise<void> {
  await setRestrictedUntil(trx, member.id, until);
  await appendAudit(trx, {
    at: deps.clock.now(),
    moderator,
    action: 'restrict',
    target: { id: member.id, name: member.name },
    reason,
    reportId,
  });
}
