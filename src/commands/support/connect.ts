import type { Trx } from '../../storage/database.js';
import { insertConnection } from '../../storage/repositories/connections.js';
import type { EndedInvitation } from '../../storage/repositories/invitations.js';
import { adjustCounter } from '../../storage/repositories/members.js';
import { insertNotification } from '../../storage/repositories/notifications.js';
import { bumpStanding } from '../../storage/repositories/standing.js';
import type { Deps, EventSink } from '../deps.js';
import { queueEmails } from './emails.js';
import { afterInvitationsEnded } from './endInvitations.js';

/**
 * An accepted invitation becomes a connection: both members' lists and counts gain it, and the
 * sender (only the sender) is told "X accepted your invitation", in the app and by email.
 */
export async function connectByInvitation(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  accepted: EndedInvitation,
  at: number,
): Promise<void> {
  await afterInvitationsEnded(deps, trx, events, [accepted], 'accepted');
  await insertConnection(trx, accepted.sender_id, accepted.recipient_id, at);
  await adjustCounter(trx, 'connection_count', [accepted.sender_id, accepted.recipient_id], 1);
  await bumpStanding(trx, accepted.sender_id, at, 'accepted');
  const notificationId = await insertNotification(trx, {
    memberId: accepted.sender_id,
    type: 'invitation_accepted',
    actorId: accepted.recipient_id,
    invitationId: accepted.id,
    createdAt: at,
  });
  events.emit({ type: 'notification', memberId: accepted.sender_id, notificationId });
  await queueEmails(
    deps,
    trx,
    [
      {
        memberId: accepted.sender_id,
        kind: 'invitation_accepted',
        actorId: accepted.recipient_id,
        invitationId: accepted.id,
        notificationId,
      },
    ],
    at,
  );
}
