import { DomainError } from '../domain/errors.js';
import { sessionsEnded } from '../events/bus.js';
import { verifyPassword } from '../security/passwords.js';
import type { Trx } from '../storage/database.js';
import { blockedEitherWay, deleteBlocksOf } from '../storage/repositories/blocks.js';
import { connectedMembers, deleteConnectionsOf } from '../storage/repositories/connections.js';
import {
  deleteInvitationsOf,
  invitationCounterparts,
  pendingSentVisible,
  sendersOfPendingReceived,
} from '../storage/repositories/invitations.js';
import { deleteLoginFailuresFor } from '../storage/repositories/loginFailures.js';
import { adjustCounter, deleteMember, findMemberById, lockMembers } from '../storage/repositories/members.js';
import {
  deleteNotificationsAbout,
  deleteNotificationsOf,
  membersNotifiedBy,
} from '../storage/repositories/notifications.js';
import { deleteOutboxRowsOf } from '../storage/repositories/outbox.js';
import { deleteMemberSessions } from '../storage/repositories/sessions.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';

/**
 * Delete account (A4): the member and everything that points at them go in one transaction —
 * sessions, invitations both ways (and the emails about them), emails still to send them,
 * connections, blocks, notifications (theirs, and others' about them) — and every other member's counters and open pages are put right, so nobody is left
 * holding a dangling row, count or notification. The member's own open live streams close.
 */
export async function deleteAccount(deps: Deps, actor: Actor, input: { password: string }): Promise<void> {
  const member = await findMemberById(deps.db, actor.id);
  if (!member || !(await verifyPassword(input.password, member.password_hash))) {
    throw new DomainError('invalid_credentials', 'The password is wrong');
  }
  await inTransaction(deps, async (trx, events) => {
    await lockEveryoneInvolved(deps, trx, actor.id);
    await settlePendingInvitations(trx, events, actor.id);
    await deleteNotifications(trx, events, actor.id);
    await deleteInvitationsOf(trx, actor.id);
    await deleteOutboxRowsOf(trx, actor.id);
    await removeConnections(trx, actor.id);
    await deleteBlocksOf(trx, actor.id);
    await deleteMemberSessions(trx, actor.id);
    events.emit(sessionsEnded(actor.id, { allBut: null }));
    await deleteLoginFailuresFor(trx, member.email_normalized);
    await deleteMember(trx, actor.id);
  });
}

/** Every member with a row that points at this one: connections, invitations, blocks, notifications. */
async function membersInvolved(trx: Trx, me: string): Promise<string[]> {
  const ids = new Set([me]);
  for (const id of await connectedMembers(trx, me)) ids.add(id);
  for (const id of await invitationCounterparts(trx, me)) ids.add(id);
  for (const id of await blockedEitherWay(trx, me)) ids.add(id);
  for (const id of await membersNotifiedBy(trx, me)) ids.add(id);
  return [...ids];
}

/**
 * Locks the member and everyone involved, in id order. Once this member is locked nobody can add
 * a row involving them (every such change locks them too), so a second look finds at most the few
 * who slipped in between the first look and the lock; those are locked as well.
 */
async function lockEveryoneInvolved(deps: Deps, trx: Trx, me: string): Promise<void> {
  const locked = new Set<string>();
  for (;;) {
    const missing = (await membersInvolved(trx, me)).filter((id) => !locked.has(id));
    if (missing.length === 0) return;
    const found = await lockMembers(trx, deps.dialect, missing);
    if (locked.size === 0 && !found.has(me)) throw new DomainError('unauthorized');
    for (const id of missing) locked.add(id);
  }
}

/**
 * The other side of every pending invitation loses it from its counts, and the recipients' open
 * pages drop the member's invitations from Received.
 */
async function settlePendingInvitations(trx: Trx, events: EventSink, me: string): Promise<void> {
  const sent = await pendingSentVisible(trx, me);
  await adjustCounter(
    trx,
    'pending_received_count',
    sent.map((i) => i.recipient_id),
    -1,
  );
  for (const i of sent)
    events.emit({ type: 'invitation_removed', memberId: i.recipient_id, invitationId: i.id });
  await adjustCounter(trx, 'pending_sent_count', await sendersOfPendingReceived(trx, me), -1);
}

async function removeConnections(trx: Trx, me: string): Promise<void> {
  await adjustCounter(trx, 'connection_count', await connectedMembers(trx, me), -1);
  await deleteConnectionsOf(trx, me);
}

/**
 * The member's own notifications, every notification they are the actor of, and any about their
 * invitations go; others' open pages drop theirs.
 */
async function deleteNotifications(trx: Trx, events: EventSink, me: string): Promise<void> {
  await deleteNotificationsOf(trx, me);
  for (const n of await deleteNotificationsAbout(trx, me))
    events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
}
