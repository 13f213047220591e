/**
 * Set-up and bookkeeping checks shared by the members, connections, blocks, network and account
 * suites. Invitations are made through the use cases themselves (the same code POST /invitations
 * runs), so these suites depend only on the behaviour they set up, not on another route.
 */
import { expect } from 'vitest';
import { acceptInvitation } from '../../src/commands/acceptInvitations.js';
import { ignoreInvitation } from '../../src/commands/ignoreInvitations.js';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import type { LiveEvent } from '../../src/events/bus.js';
import type { TestApp, TestMember } from '../helpers/app.js';

export async function invite(
  t: TestApp,
  from: TestMember,
  to: TestMember,
  message?: string,
): Promise<string> {
  const result = await sendInvitation(t.deps, { id: from.id }, { recipientId: to.id, message });
  if (result.kind !== 'sent') throw new Error('expected an invitation to be sent');
  return result.invitation.id;
}

export async function connect(t: TestApp, a: TestMember, b: TestMember): Promise<void> {
  const id = await invite(t, a, b);
  await acceptInvitation(t.deps, { id: b.id }, id);
}

export async function ignore(t: TestApp, by: TestMember, invitationId: string): Promise<void> {
  await ignoreInvitation(t.deps, { id: by.id }, invitationId);
}

export async function profile(t: TestApp, viewer: TestMember, member: TestMember | string) {
  const id = typeof member === 'string' ? member : member.id;
  return t.api('GET', `/members/${encodeURIComponent(id)}`, viewer);
}

export async function summary(t: TestApp, member: TestMember) {
  const res = await t.api('GET', '/network/summary', member);
  expect(res.statusCode).toBe(200);
  return res.json() as { connections: number; invitationsReceived: number; invitationsSent: number };
}

/** The member's notifications as stored: what their bell and unread count are made of. */
export async function notificationsOf(t: TestApp, member: TestMember) {
  const rows = await t.deps.db
    .selectFrom('notifications')
    .select(['id', 'type', 'actor_id', 'invitation_id', 'read_at'])
    .where('member_id', '=', member.id)
    .execute();
  return { rows, unread: rows.filter((r) => r.read_at === null).length };
}

/** What the member's bell shows: GET /notifications. */
export async function bell(t: TestApp, member: TestMember) {
  const res = await t.api('GET', '/notifications', member);
  expect(res.statusCode).toBe(200);
  const body = res.json() as { items: { type: string; actor: { id: string } | null }[]; unreadCount: number };
  return { types: body.items.map((n) => n.type), unreadCount: body.unreadCount };
}

export async function invitationStatus(t: TestApp, id: string) {
  const row = await t.deps.db
    .selectFrom('invitations')
    .select(['status', 'ended_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status;
}

/** Records every live event published for these members. */
export function listen(t: TestApp, ...members: TestMember[]): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (const m of members) t.deps.bus.subscribe(m.id, (e) => events.push(e));
  return events;
}

/**
 * Recounts everything the counters claim and looks for any row that points at a member who is no
 * longer there. Every suite ends its state changes with this: no drift, nothing dangling.
 */
export async function expectConsistent(t: TestApp): Promise<void> {
  const db = t.deps.db;
  const members = await db
    .selectFrom('members')
    .select(['id', 'connection_count', 'pending_sent_count', 'pending_received_count'])
    .execute();
  const ids = new Set(members.map((m) => m.id));
  const connections = await db.selectFrom('connections').selectAll().execute();
  const pending = await db
    .selectFrom('invitations')
    .select(['sender_id', 'recipient_id', 'ignored_at'])
    .where('status', '=', 'pending')
    .execute();
  for (const m of members) {
    expect({ id: m.id, connections: m.connection_count }).toEqual({
      id: m.id,
      connections: connections.filter((c) => c.member_id === m.id).length,
    });
    expect({ id: m.id, sent: m.pending_sent_count }).toEqual({
      id: m.id,
      sent: pending.filter((i) => i.sender_id === m.id).length,
    });
    expect({ id: m.id, received: m.pending_received_count }).toEqual({
      id: m.id,
      received: pending.filter((i) => i.recipient_id === m.id && i.ignored_at === null).length,
    });
  }
  // Connections come in pairs.
  for (const c of connections) {
    expect(connections.some((d) => d.member_id === c.other_id && d.other_id === c.member_id)).toBe(true);
  }
  const dangling: string[] = [];
  const check = (what: string, id: string | null) => {
    if (id !== null && !ids.has(id)) dangling.push(`${what} → ${id}`);
  };
  connections.forEach((c) => (check('connection', c.member_id), check('connection', c.other_id)));
  for (const i of await db.selectFrom('invitations').select(['sender_id', 'recipient_id']).execute()) {
    check('invitation sender', i.sender_id);
    check('invitation recipient', i.recipient_id);
  }
  for (const b of await db.selectFrom('blocks').selectAll().execute()) {
    check('block', b.blocker_id);
    check('block', b.blocked_id);
  }
  for (const n of await db.selectFrom('notifications').select(['member_id', 'actor_id']).execute()) {
    check('notification owner', n.member_id);
    check('notification actor', n.actor_id);
  }
  for (const s of await db.selectFrom('sessions').select('member_id').execute())
    check('session', s.member_id);
  expect(dangling).toEqual([]);
}
