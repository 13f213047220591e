import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';
import { openLiveStream } from '../helpers/sse.js';

/**
 * I5, surface by surface: after a withdrawal the recipient can find no trace that the invitation
 * existed — not in lists, counts, notifications, the sender's profile, or the live stream.
 */

let t: TestApp;
let ada: TestMember;
let bob: TestMember;
let baseUrl: string;

beforeEach(async () => {
  t = await createTestApp();
  ada = await t.signUp('Ada Lovelace');
  bob = await t.signUp('Bob Babbage');
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => t.close());

async function bobSees() {
  const [received, notifications, summary, adaProfile, search] = await Promise.all([
    t.api('GET', '/invitations/received', bob),
    t.api('GET', '/notifications', bob),
    t.api('GET', '/network/summary', bob),
    t.api('GET', `/members/${ada.id}`, bob),
    t.api('GET', '/members?query=ada', bob),
  ]);
  return {
    received: received.json(),
    notifications: notifications.json(),
    summary: summary.json(),
    adaProfile: adaProfile.json(),
    search: search.json(),
  };
}

describe('I5 N1 a withdrawn invitation leaves the recipient no trace', () => {
  it('I5 lists, counts, notifications, unread count, the sender’s profile and the live stream', async () => {
    const before = await bobSees();
    const stream = await openLiveStream(baseUrl, { token: bob.token });

    const sent = await t.api('POST', '/invitations', ada, {
      recipientId: bob.id,
      message: 'Would love to connect',
    });
    const invitationId = sent.json().invitation.id as string;

    // While pending, Bob sees it everywhere…
    const during = await bobSees();
    expect(during.received.items.map((i: { id: string }) => i.id)).toEqual([invitationId]);
    expect(during.notifications.unreadCount).toBe(before.notifications.unreadCount + 1);
    expect(during.notifications.items[0]).toMatchObject({ type: 'invitation_received', invitationId });
    expect(during.summary.invitationsReceived).toBe(1);
    expect(during.adaProfile).toMatchObject({ relationship: 'invitation_received', invitationId });
    await stream.waitFor((e) => e.some((x) => x.event === 'notification'));
    const notificationId = (stream.events.find((x) => x.event === 'notification')!.data as { id: string }).id;

    // …then Ada withdraws.
    expect((await t.api('POST', `/invitations/${invitationId}/withdraw`, ada)).statusCode).toBe(204);

    await stream.waitFor(
      (e) =>
        e.some((x) => x.event === 'invitation_removed') && e.some((x) => x.event === 'notification_removed'),
    );
    const after = await bobSees();
    expect(after.received).toEqual(before.received);
    expect(after.notifications).toEqual(before.notifications);
    expect(after.summary).toEqual(before.summary);
    expect(after.adaProfile).toEqual(before.adaProfile);
    expect(after.adaProfile).toMatchObject({ relationship: 'none', invitationId: null });
    expect(after.search).toEqual(before.search);
    // Nothing about the invitation is reachable by its id either.
    expect((await t.api('POST', `/invitations/${invitationId}/accept`, bob)).statusCode).toBe(404);
    expect((await t.api('POST', `/invitations/${invitationId}/ignore`, bob)).statusCode).toBe(404);

    // The stream told the open page to drop the row and the notification — and nothing else.
    expect(stream.events.map((x) => x.event).sort()).toEqual([
      'invitation_removed',
      'notification',
      'notification_removed',
    ]);
    expect(stream.events.find((x) => x.event === 'invitation_removed')!.data).toEqual({ id: invitationId });
    expect(stream.events.find((x) => x.event === 'notification_removed')!.data).toEqual({
      id: notificationId,
    });
    await stream.close();

    // A page opened afterwards hears nothing of it at all.
    const later = await openLiveStream(baseUrl, { token: bob.token });
    // A later, unrelated invitation marks the end of anything still on its way to the page.
    const carol = await t.signUp('Carol');
    const marker = (await t.api('POST', '/invitations', carol, { recipientId: bob.id })).json().invitation.id;
    await later.waitFor((e) => e.length > 0);
    expect(later.events).toEqual([
      { event: 'notification', data: expect.objectContaining({ invitationId: marker }) },
    ]);
    await later.close();
  });

  it('I5 a withdrawal that happens before the recipient ever looks leaves nothing to find', async () => {
    const before = await bobSees();
    const sent = await t.api('POST', '/invitations', ada, { recipientId: bob.id });
    await t.api('POST', `/invitations/${sent.json().invitation.id}/withdraw`, ada);
    expect(await bobSees()).toEqual(before);
  });

  it('I6 bulk withdrawal is as silent as a single one', async () => {
    const carol = await t.signUp('Carol');
    const before = await bobSees();
    const one = (await t.api('POST', '/invitations', ada, { recipientId: bob.id })).json().invitation.id;
    const two = (await t.api('POST', '/invitations', ada, { recipientId: carol.id })).json().invitation.id;
    const res = await t.api('POST', '/invitations/withdraw', ada, { ids: [one, two] });
    expect(res.json().withdrawn).toHaveLength(2);
    expect(await bobSees()).toEqual(before);
    expect((await t.api('GET', '/notifications', carol)).json()).toMatchObject({ items: [], unreadCount: 0 });
  });
});
