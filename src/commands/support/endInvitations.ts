import type { Trx } from '../../storage/database.js';
import type { EndedInvitation } from '../../storage/repositories/invitations.js';
import { adjustCounter } from '../../storage/repositories/members.js';
import { deleteNotificationsForInvitations } from '../../storage/repositories/notifications.js';
import type { Deps, EventSink } from '../deps.js';

/**
 * The bookkeeping every end of a pending invitation shares (withdraw, accept, expiry, block,
 * auto-withdraw): counters move in the same transaction, the recipient's notification about it is
 * deleted (with its unread count), and open pages are told to drop the row — silently.
 */
export async function afterInvitationsEnded(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  ended: readonly EndedInvitation[],
  metric: 'withdrawn' | 'accepted' | 'expired',
): Promise<void> {
  if (ended.length === 0) return;
  await adjustCounter(
    trx,
    'pending_sent_count',
    ended.map((i) => i.sender_id),
    -1,
  );
  const visibleToRecipient = ended.filter((i) => i.ignored_at === null);
  await adjustCounter(
    trx,
    'pending_received_count',
    visibleToRecipient.map((i) => i.recipient_id),
    -1,
  );
  const removed = await deleteNotificationsForInvitations(
    trx,
    ended.map((i) => i.id),
  );
  for (const n of removed)
    events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
  for (const i of visibleToRecipient)
    events.emit({ type: 'invitation_removed', memberId: i.recipient_id, invitationId: i.id });
  deps.metrics.countInvitations(metric, ended.length);
}
