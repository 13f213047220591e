import { DomainError } from '../domain/errors.js';
import { verifyPassword } from '../security/passwords.js';
import type { Trx } from '../storage/database.js';
import { adjustCounter, findMemberById, lockMembers } from '../storage/repositories/members.js';
import { inTransaction, type Actor, type Deps, type EventSink } from './deps.js';

/**
 * Delete account (A4): the member and everything that points at them go in one transaction —
 * sessions, invitations both ways, connections, blocks, notifications (theirs, and others' about
 * them) — and every other member's counters and open pages are put right, so nobody is left
 * holding a dangling row, count or notification.
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
    await trx
      .deleteFrom('invitations')
      .where((eb) => eb.or([eb('sender_id', '=', actor.id), eb('recipient_id', '=', actor.id)]))
      .execute();
    await removeConnections(trx, actor.id);
    await trx
      .deleteFrom('blocks')
      .where((eb) => eb.or([eb('blocker_id', '=', actor.id), eb('blocked_id', '=', actor.id)]))
      .execute();
    await trx.deleteFrom('sessions').where('member_id', '=', actor.id).execute();
    await trx.deleteFrom('login_failures').where('email_normalized', '=', member.email_normalized).execute();
    await trx.deleteFrom('members').where('id', '=', actor.id).execute();
  });
}

/** Every member with a row that points at this one: connections, invitations, blocks, notifications. */
async function membersInvolved(trx: Trx, me: string): Promise<string[]> {
  const ids = new Set([me]);
  const add = (rows: { id: string }[]) => rows.forEach((r) => ids.add(r.id));
  add(await trx.selectFrom('connections').select('other_id as id').where('member_id', '=', me).execute());
  add(
    await trx
      .selectFrom('invitations')
      .select('recipient_id as id')
      .where('sender_id', '=', me)
      .distinct()
      .execute(),
  );
  add(
    await trx
      .selectFrom('invitations')
      .select('sender_id as id')
      .where('recipient_id', '=', me)
      .distinct()
      .execute(),
  );
  add(await trx.selectFrom('blocks').select('blocked_id as id').where('blocker_id', '=', me).execute());
  add(await trx.selectFrom('blocks').select('blocker_id as id').where('blocked_id', '=', me).execute());
  add(
    await trx
      .selectFrom('notifications')
      .select('member_id as id')
      .where('actor_id', '=', me)
      .distinct()
      .execute(),
  );
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
  const sent = await trx
    .selectFrom('invitations')
    .select(['id', 'recipient_id'])
    .where('sender_id', '=', me)
    .where('status', '=', 'pending')
    .where('ignored_at', 'is', null)
    .execute();
  await adjustCounter(
    trx,
    'pending_received_count',
    sent.map((i) => i.recipient_id),
    -1,
  );
  for (const i of sent)
    events.emit({ type: 'invitation_removed', memberId: i.recipient_id, invitationId: i.id });
  const received = await trx
    .selectFrom('invitations')
    .select('sender_id')
    .where('recipient_id', '=', me)
    .where('status', '=', 'pending')
    .execute();
  await adjustCounter(
    trx,
    'pending_sent_count',
    received.map((i) => i.sender_id),
    -1,
  );
}

async function removeConnections(trx: Trx, me: string): Promise<void> {
  const others = await trx.selectFrom('connections').select('other_id').where('member_id', '=', me).execute();
  await adjustCounter(
    trx,
    'connection_count',
    others.map((c) => c.other_id),
    -1,
  );
  await trx
    .deleteFrom('connections')
    .where((eb) => eb.or([eb('member_id', '=', me), eb('other_id', '=', me)]))
    .execute();
}

/**
 * The member's own notifications, every notification they are the actor of, and any about their
 * invitations go; others' open pages drop theirs.
 */
async function deleteNotifications(trx: Trx, events: EventSink, me: string): Promise<void> {
  await trx.deleteFrom('notifications').where('member_id', '=', me).execute();
  const others = await trx
    .deleteFrom('notifications')
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', me),
        eb(
          'invitation_id',
          'in',
          eb
            .selectFrom('invitations')
            .select('id')
            .where((w) => w.or([w('sender_id', '=', me), w('recipient_id', '=', me)])),
        ),
      ]),
    )
    .returning(['id', 'member_id'])
    .execute();
  for (const n of others)
    events.emit({ type: 'notification_removed', memberId: n.member_id, notificationId: n.id });
}
