import { DomainError } from '../../domain/errors.js';
import { assertReceivedPending } from '../../domain/invitations.js';
import type { Trx } from '../../storage/database.js';
import { findInvitation, markIgnored } from '../../storage/repositories/invitations.js';
import { adjustCounter, lockMembers } from '../../storage/repositories/members.js';
import { deleteNotificationsForInvitations } from '../../storage/repositories/notifications.js';
import type { InvitationRow } from '../../storage/tables.js';
import type { Actor, Deps, EventSink } from '../deps.js';
import { invitationFacts } from './facts.js';
import { policyOf } from './policy.js';

/**
 * Ignores one received pending invitation (ignore, "I don't know this person", report): it leaves
 * the recipient's list, counters and open pages; the sender is told nothing. Returns the row as
 * it was, for those that keep a copy.
 */
export async function ignoreReceived(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  actor: Actor,
  invitationId: string,
): Promise<InvitationRow> {
  const now = deps.clock.now();
  const found = await findInvitation(trx, invitationId);
  if (!found || found.recipient_id !== actor.id) throw DomainError.notFound('No such invitation');
  await lockMembers(trx, deps.dialect, [found.sender_id, actor.id]);
  const inv = await findInvitation(trx, invitationId);
  assertReceivedPending(invitationFacts(inv), actor.id, now, policyOf(deps.config));
  if (!(await markIgnored(trx, invitationId, now))) throw DomainError.notFound('No such invitation');
  await adjustCounter(trx, 'pending_received_count', [actor.id], -1);
  const removed = await deleteNotificationsForInvitations(trx, [invitationId]);
  for (const n of removed)
    events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
  events.emit({ type: 'invitation_removed', memberId: actor.id, invitationId });
  deps.metrics.countInvitations('ignored');
  return inv as InvitationRow;
}
