import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { createTestApp, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitationTtlDays: 180 } });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { invitation: { id: string } }).invitation.id;
}

interface NotificationList {
  items: {
    id: string;
    type: string;
    actor: { id: string; name: string; headline: string } | null;
    invitationId: string | null;
    createdAt: string;
    read: boolean;
    count?: number;
  }[];
  nextCursor: string | null;
  total: number;
  unreadCount: number;
}

async function notifications(member: TestMember, query = ''): Promise<NotificationList> {
  const res = await t.api('GET', `/notifications${query}`, member);
  if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
  return res.json() as NotificationList;
}

describe('N1 notifications list', () => {
  it('N1 "X sent you an invitation" reaches the recipient, unread, with the sender as actor', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob, 'Hello Bob');

    const list = await notifications(bob);
    expect(list).toEqual({
      items: [
        {
          id: expect.any(String),
          type: 'invitation_received',
          actor: { id: ada.id, name: 'Ada', headline: "Ada's headline" },
          invitationId,
          createdAt: new Date(t.clock.now()).toISOString(),
          read: false,
        },
      ],
      nextCursor: null,
      total: 1,
      unreadCount: 1,
    });
    expect(list.items[0]).not.toHaveProperty('count');
    // The sender is told nothing about their own invitation.
    expect(await notifications(ada)).toEqual({ items: [], nextCursor: null, total: 0, unreadCount: 0 });
  });

  it('N1 I8 accepting notifies the sender ("X accepted your invitation") and clears the recipient\'s', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    t.clock.advance(60_000);
    expect((await t.api('POST', `/invitations/${invitationId}/accept`, bob)).statusCode).toBe(200);

    const adas = await notifications(ada);
    expect(adas.items).toEqual([
      expect.objectContaining({
        type: 'invitation_accepted',
        actor: { id: bob.id, name: 'Bob', headline: "Bob's headline" },
        invitationId,
        read: false,
      }),
    ]);
    expect(adas.unreadCount).toBe(1);
    expect(await notifications(bob)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
  });

  it('N1 I3 inviting back notifies the original sender that their invitation was accepted', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    const back = await t.api('POST', '/invitations', bob, { recipientId: ada.id });
    expect(back.statusCode).toBe(200);
    expect((await notifications(ada)).items).toEqual([
      expect.objectContaining({
        type: 'invitation_accepted',
        invitationId,
        actor: expect.objectContaining({ id: bob.id }),
      }),
    ]);
    expect((await notifications(bob)).unreadCount).toBe(0);
  });

  it("I5 N1 a withdrawal deletes the recipient's notification and its unread count, and notifies nobody", async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const keep = await invite(await t.signUp('Carol'), bob);
    const invitationId = await invite(ada, bob);
    expect((await notifications(bob)).unreadCount).toBe(2);

    expect((await t.api('POST', `/invitations/${invitationId}/withdraw`, ada)).statusCode).toBe(204);
    const bobs = await notifications(bob);
    expect(bobs.items.map((n) => n.invitationId)).toEqual([keep]);
    expect(bobs.total).toBe(1);
    expect(bobs.unreadCount).toBe(1);
    expect(JSON.stringify(bobs)).not.toContain(ada.id);
    expect(await notifications(ada)).toMatchObject({ items: [], unreadCount: 0 });
  });

  it("I8 N1 ignoring removes the recipient's notification and tells the sender nothing", async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    expect((await t.api('POST', `/invitations/${invitationId}/ignore`, bob)).statusCode).toBe(204);
    expect(await notifications(bob)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
    expect(await notifications(ada)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
  });

  it('C2 N1 a block makes the notifications between the two disappear for both', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    await t.api('POST', `/invitations/${invitationId}/accept`, bob);
    await invite(bob, await t.signUp('Carol'));
    expect((await notifications(ada)).total).toBe(1);

    expect((await t.api('POST', '/blocks', bob, { memberId: ada.id })).statusCode).toBe(204);
    expect(await notifications(ada)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
    expect((await notifications(bob)).total).toBe(0);
  });

  it('C2 N1 a notification whose actor is blocked either way is never shown, even if a row was left behind', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const invitationId = await invite(ada, bob);
    await t.api('POST', `/invitations/${invitationId}/accept`, bob);
    // A block written without the block use case (as an import or a race could leave it).
    await t.deps.db
      .insertInto('blocks')
      .values({ blocker_id: ada.id, blocked_id: bob.id, created_at: t.clock.now() })
      .execute();
    expect(await notifications(ada)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
    await t.deps.db.deleteFrom('blocks').execute();
    await t.deps.db
      .insertInto('blocks')
      .values({ blocker_id: bob.id, blocked_id: ada.id, created_at: t.clock.now() })
      .execute();
    expect(await notifications(ada)).toMatchObject({ items: [], total: 0, unreadCount: 0 });
  });

  it('I9 N1 the notification of an invitation past its TTL is hidden before any sweep runs', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    await invite(ada, bob);
    t.clock.advance(179 * DAY);
    expect((await notifications(bob)).unreadCount).toBe(1);
    t.clock.advance(DAY);
    expect(await notifications(bob)).toEqual({ items: [], nextCursor: null, total: 0, unreadCount: 0 });
  });

  it('N1 lists newest first and pages with an opaque cursor, even within one millisecond', async () => {
    const bob = await t.signUp('Bob');
    const senders: TestMember[] = [];
    for (let i = 0; i < 5; i++) senders.push(await t.signUp(`Sender ${i}`));
    for (const [i, sender] of senders.entries()) {
      if (i === 3) t.clock.advance(1000); // two groups of equal timestamps, ordered by id
      await invite(sender, bob);
    }
    const first = await notifications(bob, '?limit=2');
    expect(first.items.map((n) => n.actor?.name)).toEqual(['Sender 4', 'Sender 3']);
    expect(first.total).toBe(5);
    expect(first.unreadCount).toBe(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await notifications(bob, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.actor?.name)).toEqual(['Sender 2', 'Sender 1']);
    const third = await notifications(bob, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((n) => n.actor?.name)).toEqual(['Sender 0']);
    expect(third.nextCursor).toBeNull();
  });

  it('N1 a bad limit or a cursor the server did not issue is validation_failed, never a 5xx', async () => {
    const bob = await t.signUp('Bob');
    for (const query of [
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?cursor=nope!',
      '?cursor=WzEsMl0',
      '?cursor=',
    ]) {
      expectProblem(await t.api('GET', `/notifications${query}`, bob), 400, 'validation_failed');
    }
  });

  it('N1 without auth the notification endpoints answer 401', async () => {
    expectProblem(await t.api('GET', '/notifications', null), 401, 'unauthorized');
    expectProblem(await t.api('POST', '/notifications/read', null, { all: true }), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/notifications/stream', null), 401, 'unauthorized');
  });
});

describe('N1 marking notifications read', () => {
  async function twoNotifications() {
    const bob = await t.signUp('Bob');
    const first = await invite(await t.signUp('Ada'), bob);
    const second = await invite(await t.signUp('Carol'), bob);
    const items = (await notifications(bob)).items;
    const idOf = (invitationId: string) => items.find((n) => n.invitationId === invitationId)?.id as string;
    return { bob, firstId: idOf(first), secondId: idOf(second) };
  }

  it('N1 {ids} marks those read and lowers the unread count', async () => {
    const { bob, firstId, secondId } = await twoNotifications();
    expect((await t.api('POST', '/notifications/read', bob, { ids: [firstId] })).statusCode).toBe(204);
    const list = await notifications(bob);
    expect(list.unreadCount).toBe(1);
    expect(list.total).toBe(2);
    expect(Object.fromEntries(list.items.map((n) => [n.id, n.read]))).toEqual({
      [firstId]: true,
      [secondId]: false,
    });
    // Marking again, or with unknown ids mixed in, is harmless.
    const again = await t.api('POST', '/notifications/read', bob, { ids: [firstId, 'no-such-id', firstId] });
    expect(again.statusCode).toBe(204);
    expect((await notifications(bob)).unreadCount).toBe(1);
  });

  it('N1 {all: true} marks every notification read', async () => {
    const { bob } = await twoNotifications();
    expect((await t.api('POST', '/notifications/read', bob, { all: true })).statusCode).toBe(204);
    const list = await notifications(bob);
    expect(list.unreadCount).toBe(0);
    expect(list.items.every((n) => n.read)).toBe(true);
  });

  it("N1 another member's notification ids are silently ignored and stay unread", async () => {
    const { bob, firstId } = await twoNotifications();
    const mallory = await t.signUp('Mallory');
    expect((await t.api('POST', '/notifications/read', mallory, { ids: [firstId] })).statusCode).toBe(204);
    expect((await t.api('POST', '/notifications/read', mallory, { all: true })).statusCode).toBe(204);
    expect((await notifications(bob)).unreadCount).toBe(2);
  });

  it('N1 anything but {ids: 1–1000 strings} or {all: true} is validation_failed and changes nothing', async () => {
    const { bob, firstId } = await twoNotifications();
    const bad: unknown[] = [
      {},
      { ids: [] },
      { ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`) },
      { ids: [firstId], all: true },
      { all: false },
      { all: 'yes' },
      { ids: firstId },
      { ids: [42] },
      [firstId],
      'all',
      null,
      true,
    ];
    for (const body of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/notifications/read',
        headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expectProblem(res, 400, 'validation_failed');
    }
    const noBody = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expectProblem(noBody, 400, 'validation_failed');
    expect((await notifications(bob)).unreadCount).toBe(2);
    const thousand = [firstId, ...Array.from({ length: 999 }, (_, i) => `id-${i}`)];
    expect((await t.api('POST', '/notifications/read', bob, { ids: thousand })).statusCode).toBe(204);
    expect((await notifications(bob)).unreadCount).toBe(1);
  });
});

describe('N1 OpenAPI', () => {
  it('N1 the OpenAPI document describes the notification endpoints, the stream as text/event-stream', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json', null)).json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    expect(doc.paths['/api/v1/notifications']?.get?.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/notifications/read']?.post?.responses['204']).toBeDefined();
    const stream = doc.paths['/api/v1/notifications/stream']?.get?.responses['200'];
    expect(Object.keys(stream?.content ?? {})).toEqual(['text/event-stream']);
  });
});
