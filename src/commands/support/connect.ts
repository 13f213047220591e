import type { Trx } from '../../storage/database.js';
import { insertConnections } from '../../storage/repositories/connections.js';
import type { EndedInvitation } from '../../storage/repositories/invitations.js';
import { adjustCounter } from '../../storage/repositories/members.js';
import { insertNotifications } from '../../storage/repositories/notifications.js';
import { bumpStandingMany } from '../../storage/repositories/standing.js';
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
  await connectByInvitations(deps, trx, events, [accepted], at);
}

/**
 * The same for many accepted invitations at once (a bulk accept), in set-based statements: one
 * for the connections, one per counter delta, one for the notifications, one for the outbox —
 * whatever the number of invitations (in batches of 500).
 */
export async function connectByInvitations(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  accepted: readonly EndedInvitation[],
  at: number,
): Promise<void> {
  if (accepted.length === 0) return;
  await afterInvitationsEnded(deps, trx, events, accepted, 'accepted');
  await insertConnections(
    trx,
    accepted.map((i) => ({ a: i.sender_id, b: i.recipient_id, at })),
  );
  await adjustCounter(
    trx,
    'connection_count',
    accepted.flatMap((i) => [i.sender_id, i.recipient_id]),
    1,
  );
  await bumpStandingMany(
    trx,
    accepted.map((i) => i.sender_id),
    at,
    'accepted',
  );
  const notificationIds = await insertNotifications(
    trx,
    accepted.map((i) => ({
      memberId: i.sender_id,
      type: 'invitation_accepted' as const,
      actorId: i.recipient_id,
      invitationId: i.id,
      createdAt: at,
    })),
  );
  accepted.forEach((i, n) =>
    events.emit({
      type: 'notification',
      memberId: i.sender_id,
      notificationId: notificationIds[n] as string,
    }),
  );
  await queueEmails(
    deps,
    trx,
    accepted.map((i, n) => ({
      memberId: i.sender_id,
      kind: 'invitation_accepted' as const,
      actorId: i.recipient_id,
      invitationId: i.id,
      notificationId: notificationIds[n] as string,
    })),
    at,
  );
}
