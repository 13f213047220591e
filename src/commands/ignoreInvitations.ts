import { DomainError } from '../domain/errors.js';
import { assertReceivedPending } from '../domain/invitations.js';
import type { Trx } from '../storage/database.js';
import { findInvitation, sendersOfReceived } from '../storage/repositories/invitations.js';
import { adjustCounter, lockMembers } from '../storage/repositories/members.js';
import { deleteNotificationsForInvitations } from '../storage/repositories/notifications.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';
import { invitationFacts } from './support/facts.js';
import { policyOf } from './support/policy.js';

/**
 * Ignore (I8): the invitation leaves the recipient's list and the sender is told nothing: to the
 * sender it stays pending until withdrawn or expired.
 */
export async function ignoreInvitation(deps: Deps, actor: Actor, invitationId: string): Promise<void> {
  await inTransaction(deps, (trx, events) => ignoreOne(deps, trx, events, actor, invitationId));
}

export async function ignoreInvitations(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ ignored: string[]; skipped: string[] }> {
  return inTransaction(deps, async (trx, events) => {
    // Every member involved, locked at once in id order before any change (see lockMembers).
    await lockMembers(trx, deps.dialect, [
      actor.id,
      ...(await sendersOfReceived(trx, actor.id, [...new Set(ids)])),
    ]);
    const ignored: string[] = [];
    const skipped: string[] = [];
    for (const id of new Set(ids)) {
      try {
        await ignoreOne(deps, trx, events, actor, id);
        ignored.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        skipped.push(id);
      }
    }
    return { ignored, skipped };
  });
}

async function ignoreOne(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  actor: Actor,
  invitationId: string,
): Promise<void> {
  const now = deps.clock.now();
  const found = await findInvitation(trx, invitationId);
  if (!found || found.recipient_id !== actor.id) throw DomainError.notFound('No such invitation');
  await lockMembers(trx, deps.dialect, [found.sender_id, actor.id]);
  const inv = await findInvitation(trx, invitationId);
  assertReceivedPending(invitationFacts(inv), actor.id, now, policyOf(deps.config));
  const updated = await trx
    .updateTable('invitations')
    .set({ ignored_at: now })
    .where('id', '=', invitationId)
    .where('status', '=', 'pending')
    .where('ignored_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw DomainError.notFound('No such invitation');
  await adjustCounter(trx, 'pending_received_count', [actor.id], -1);
  const removed = await deleteNotificationsForInvitations(trx, [invitationId]);
  for (const n of removed)
    events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
  events.emit({ type: 'invitation_removed', memberId: actor.id, invitationId });
  deps.metrics.countInvitations('ignored');
}
