import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import {
  bell,
  connect,
  expectConsistent,
  ignore,
  invitationStatus,
  invite,
  listen,
  notificationsOf,
  profile,
  summary,
} from './relations.fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const block = (by: TestMember | null, memberId: unknown) => t.api('POST', '/blocks', by, { memberId });

describe('C2 block', () => {
  it('C2 blocking is 204 and hides each from the other: profile, search, invitations', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const res = await block(ada, bob.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectProblem(await profile(t, ada, bob), 404, 'not_found');
    expectProblem(await profile(t, bob, ada), 404, 'not_found');
    expect((await t.api('GET', '/members?query=ada', bob)).json()).toMatchObject({ items: [], total: 0 });
    expect((await t.api('GET', '/members?query=bob', ada)).json()).toMatchObject({ items: [], total: 0 });
    await expect(sendInvitation(t.deps, { id: bob.id }, { recipientId: ada.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(sendInvitation(t.deps, { id: ada.id }, { recipientId: bob.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('C2 blocking removes the connection silently: both counts drop, notifications between them vanish for both', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const cy = await t.signUp('Cy');
    await connect(t, bob, ada); // Bob gets "Ada accepted your invitation"
    await connect(t, cy, bob);
    await connect(t, ada, cy);
    expect((await bell(t, bob)).types).toEqual(['invitation_accepted']);
    const bobBefore = await notificationsOf(t, bob);
    expect(bobBefore.unread).toBe(1);
    const events = listen(t, ada, bob);

    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect(await summary(t, ada)).toMatchObject({ connections: 1 });
    expect(await summary(t, bob)).toMatchObject({ connections: 1 });
    expect(
      (await t.api('GET', '/connections', bob))
        .json()
        .items.map((c: { member: { id: string } }) => c.member.id),
    ).toEqual([cy.id]);
    expect((await notificationsOf(t, bob)).rows.filter((n) => n.actor_id === ada.id)).toEqual([]);
    expect((await notificationsOf(t, ada)).rows.filter((n) => n.actor_id === bob.id)).toEqual([]);
    expect(await bell(t, bob)).toEqual({ types: [], unreadCount: 0 });
    // Bob's page drops the vanished notification; nothing new appears for anybody.
    expect(events.every((e) => e.type === 'notification_removed')).toBe(true);
    expect(events.filter((e) => e.memberId === bob.id)).toEqual([
      { type: 'notification_removed', memberId: bob.id, notificationId: bobBefore.rows[0]?.id },
    ]);
    await expectConsistent(t);
  });

  it('C2 I10 a pending invitation from the blocked member ends as expired to its sender, silently', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, bob, ada, 'Hi Ada');
    expect(await summary(t, ada)).toMatchObject({ invitationsReceived: 1 });
    expect((await bell(t, ada)).unreadCount).toBe(1);
    const bobBell = await bell(t, bob);
    const events = listen(t, ada, bob);

    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect(await invitationStatus(t, id)).toBe('expired');
    expect(await summary(t, ada)).toMatchObject({ invitationsReceived: 0, invitationsSent: 0 });
    expect(await summary(t, bob)).toMatchObject({ invitationsReceived: 0, invitationsSent: 0 });
    expect(await bell(t, ada)).toEqual({ types: [], unreadCount: 0 });
    expect(await bell(t, bob)).toEqual(bobBell);
    expect(events).toEqual(
      expect.arrayContaining([{ type: 'invitation_removed', memberId: ada.id, invitationId: id }]),
    );
    expect(events.filter((e) => e.memberId === bob.id)).toEqual([]);
    expect(events.some((e) => e.type === 'notification')).toBe(false);
    await expectConsistent(t);
  });

  it('C2 I10 a pending invitation the blocker sent ends as withdrawn', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, ada, bob);
    const events = listen(t, bob);
    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect(await invitationStatus(t, id)).toBe('withdrawn');
    expect(await summary(t, ada)).toMatchObject({ invitationsSent: 0 });
    expect(await summary(t, bob)).toMatchObject({ invitationsReceived: 0 });
    expect(await bell(t, bob)).toEqual({ types: [], unreadCount: 0 });
    expect(events.map((e) => e.type).sort()).toEqual(['invitation_removed', 'notification_removed']);
    await expectConsistent(t);
  });

  it('C2 an invitation the blocker had ignored ends as expired to its sender, with counts right', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, bob, ada);
    await ignore(t, ada, id);
    expect(await summary(t, bob)).toMatchObject({ invitationsSent: 1 });
    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect(await invitationStatus(t, id)).toBe('expired');
    expect(await summary(t, bob)).toMatchObject({ invitationsSent: 0 });
    expect(await summary(t, ada)).toMatchObject({ invitationsReceived: 0 });
    await expectConsistent(t);
  });

  it('C2 I9 an invitation already past its time to live stays expired when the sender blocks', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, ada, bob);
    t.clock.advance(t.deps.config.invitationTtlDays * DAY);
    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect(await invitationStatus(t, id)).toBe('expired');
    await expectConsistent(t);
  });

  it('C2 other members’ invitations and connections are untouched', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const cy = await t.signUp('Cy');
    const toCy = await invite(t, ada, cy);
    const fromCy = await invite(t, cy, bob);
    await connect(t, bob, ada);
    await block(bob, ada.id);
    expect(await invitationStatus(t, toCy)).toBe('pending');
    expect(await invitationStatus(t, fromCy)).toBe('pending');
    expect(await summary(t, cy)).toEqual({ connections: 0, invitationsReceived: 1, invitationsSent: 1 });
    expect((await bell(t, cy)).unreadCount).toBe(1);
    await expectConsistent(t);
  });

  it('C2 blocking twice is harmless (204), and so is blocking someone who blocked you', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect((await block(ada, bob.id)).statusCode).toBe(204);
    expect((await block(bob, ada.id)).statusCode).toBe(204);
    expect((await t.api('GET', '/blocks', ada)).json()).toMatchObject({ total: 1 });
    expect((await t.api('GET', '/blocks', bob)).json()).toMatchObject({ total: 1 });
    await expectConsistent(t);
  });

  it('C2 400 cannot_block_self, and nothing changes', async () => {
    const ada = await t.signUp('Ada');
    expectProblem(await block(ada, ada.id), 400, 'cannot_block_self');
    expect((await t.api('GET', '/blocks', ada)).json()).toMatchObject({ items: [], total: 0 });
    expect((await profile(t, ada, ada)).statusCode).toBe(200);
  });

  it('C2 404 not_found for no such member; 400 validation_failed for a body without a member id', async () => {
    const ada = await t.signUp('Ada');
    expectProblem(await block(ada, 'no-such-member'), 404, 'not_found');
    expectProblem(await block(ada, ''), 404, 'not_found');
    expectProblem(await block(ada, 42), 400, 'validation_failed');
    expectProblem(await t.api('POST', '/blocks', ada, {}), 400, 'validation_failed');
    expect((await t.api('GET', '/blocks', ada)).json()).toMatchObject({ total: 0 });
  });

  it('C2 401 without auth', async () => {
    const ada = await t.signUp('Ada');
    expectProblem(await block(null, ada.id), 401, 'unauthorized');
    expectProblem(await t.api('DELETE', `/blocks/${ada.id}`, null), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/blocks', null), 401, 'unauthorized');
  });
});

describe('C2 unblock and the blocked list', () => {
  it('C2 GET /blocks lists the members you blocked, most recent first, never who blocked you', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann', { headline: 'Ann’s line' });
    const ben = await t.signUp('Ben');
    const cat = await t.signUp('Cat');
    await block(me, ann.id);
    t.clock.advance(1000);
    await block(me, ben.id);
    await block(cat, me.id);
    const res = await t.api('GET', '/blocks', me);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { id: ben.id, name: 'Ben', headline: "Ben's headline" },
        { id: ann.id, name: 'Ann', headline: 'Ann’s line' },
      ],
      nextCursor: null,
      total: 2,
    });
    const first = (await t.api('GET', '/blocks?limit=1', me)).json();
    expect(first.items.map((m: { id: string }) => m.id)).toEqual([ben.id]);
    const second = (await t.api('GET', `/blocks?limit=1&cursor=${first.nextCursor}`, me)).json();
    expect(second).toMatchObject({ items: [{ id: ann.id }], nextCursor: null, total: 2 });
    expectProblem(await t.api('GET', '/blocks?cursor=bogus', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/blocks?limit=0', me), 400, 'validation_failed');
  });

  it('C2 unblocking is 204 and the two see each other again (a former connection does not come back)', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    await connect(t, ada, bob);
    await block(ada, bob.id);
    const res = await t.api('DELETE', `/blocks/${bob.id}`, ada);
    expect(res.statusCode).toBe(204);
    expect((await profile(t, ada, bob)).json()).toMatchObject({ relationship: 'none', connectionCount: 0 });
    expect((await profile(t, bob, ada)).json()).toMatchObject({ relationship: 'none', connectionCount: 0 });
    expect((await t.api('GET', '/blocks', ada)).json()).toMatchObject({ items: [], total: 0 });
    await invite(t, bob, ada);
    expect((await profile(t, ada, bob)).json()).toMatchObject({ relationship: 'invitation_received' });
  });

  it('C2 404 not_found when not blocked, for an unknown id, and for a block the other member holds (which stays)', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    expectProblem(await t.api('DELETE', `/blocks/${bob.id}`, ada), 404, 'not_found');
    expectProblem(await t.api('DELETE', '/blocks/whatever', ada), 404, 'not_found');
    await block(bob, ada.id);
    expectProblem(await t.api('DELETE', `/blocks/${bob.id}`, ada), 404, 'not_found');
    expectProblem(await profile(t, ada, bob), 404, 'not_found');
    expect((await t.api('GET', '/blocks', bob)).json()).toMatchObject({ total: 1 });
    expect((await t.api('DELETE', `/blocks/${ada.id}`, bob)).statusCode).toBe(204);
    expectProblem(await t.api('DELETE', `/blocks/${ada.id}`, bob), 404, 'not_found');
  });
});
