/**
 * P1 mutual connections against a network counted by hand:
 *
 *   Ada is connected to Bob, Cat, Dan, Eve and Hal (5).
 *   Xan (invites Ada)      — Bob, Cat, Dan, Gus            → shares Bob, Cat, Dan      = 3
 *   Yve (Ada invites her)  — Eve, Gus                      → shares Eve                = 1
 *   Wes (more connections than Ada, so the walk starts on Ada's side)
 *                          — Bob, Cat, Dan, Eve, Fay, Gus, Hal, Zed → shares Bob, Cat, Dan, Eve, Hal = 5
 *   Zed — Wes only                                         → shares nothing            = 0
 *
 * Members sign up one after another, so their ids (time-ordered) sort in that order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import { connect, invite } from './relations.fixtures.js';

let t: TestApp;
let m: Record<
  'ada' | 'bob' | 'cat' | 'dan' | 'eve' | 'fay' | 'gus' | 'hal' | 'xan' | 'yve' | 'wes' | 'zed',
  TestMember
>;

beforeEach(async () => {
  t = await createTestApp();
  const names = ['Ada', 'Bob', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Xan', 'Yve', 'Wes', 'Zed'] as const;
  const members: Partial<typeof m> = {};
  for (const name of names) members[name.toLowerCase() as keyof typeof m] = await t.signUp(name);
  m = members as typeof m;
  for (const other of [m.bob, m.cat, m.dan, m.eve, m.hal]) await connect(t, m.ada, other);
  for (const other of [m.bob, m.cat, m.dan, m.gus]) await connect(t, other, m.xan);
  for (const other of [m.eve, m.gus]) await connect(t, m.yve, other);
  for (const other of [m.bob, m.cat, m.dan, m.eve, m.fay, m.gus, m.hal, m.zed])
    await connect(t, m.wes, other);
});
afterEach(() => t.close());

const brief = (...members: TestMember[]) => members.map((x) => ({ id: x.id, name: x.name }));
const named = (items: { id: string; name: string }[]) => items.map(({ id, name }) => ({ id, name }));

describe('P1 mutual connections', () => {
  it('P1 Received and Sent rows carry the count and up to three of the shared connections', async () => {
    await invite(t, m.xan, m.ada, 'Hi Ada');
    await invite(t, m.zed, m.ada);
    await invite(t, m.ada, m.yve);
    await invite(t, m.ada, m.wes);

    const received = (await t.api('GET', '/invitations/received', m.ada)).json() as {
      items: {
        sender: { id: string };
        mutualConnections: number;
        mutualPreview: { id: string; name: string }[];
      }[];
    };
    const bySender = new Map(received.items.map((i) => [i.sender.id, i]));
    expect(bySender.get(m.xan.id)).toMatchObject({ mutualConnections: 3 });
    expect(named(bySender.get(m.xan.id)!.mutualPreview)).toEqual(brief(m.bob, m.cat, m.dan));
    expect(bySender.get(m.zed.id)).toMatchObject({ mutualConnections: 0, mutualPreview: [] });

    const sent = (await t.api('GET', '/invitations/sent', m.ada)).json() as typeof received & {
      items: { recipient: { id: string } }[];
    };
    const byRecipient = new Map(
      (
        sent.items as unknown as {
          recipient: { id: string };
          mutualConnections: number;
          mutualPreview: { id: string; name: string }[];
        }[]
      ).map((i) => [i.recipient.id, i]),
    );
    expect(byRecipient.get(m.yve.id)!.mutualConnections).toBe(1);
    expect(named(byRecipient.get(m.yve.id)!.mutualPreview)).toEqual(brief(m.eve));
    // Wes has more connections than Ada: the same count whichever side the walk starts on.
    expect(byRecipient.get(m.wes.id)!.mutualConnections).toBe(5);
    expect(named(byRecipient.get(m.wes.id)!.mutualPreview)).toEqual(brief(m.bob, m.cat, m.dan));
  });

  it('P1 the sender’s view of a new invitation carries it too', async () => {
    const res = await t.api('POST', '/invitations', m.ada, { recipientId: m.xan.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation).toMatchObject({ mutualConnections: 3 });
    expect(named(res.json().invitation.mutualPreview)).toEqual(brief(m.bob, m.cat, m.dan));
    const none = await t.api('POST', '/invitations', m.ada, { recipientId: m.zed.id });
    expect(none.json().invitation).toMatchObject({ mutualConnections: 0, mutualPreview: [] });
  });

  it('P1 profiles carry it, the same from both sides; one’s own profile shares nothing', async () => {
    const xan = (await t.api('GET', `/members/${m.xan.id}`, m.ada)).json();
    expect(xan).toMatchObject({ mutualConnections: 3 });
    expect(named(xan.mutualPreview)).toEqual(brief(m.bob, m.cat, m.dan));
    expect((await t.api('GET', `/members/${m.ada.id}`, m.xan)).json()).toMatchObject({
      mutualConnections: 3,
    });
    expect((await t.api('GET', `/members/${m.wes.id}`, m.ada)).json()).toMatchObject({
      mutualConnections: 5,
    });
    expect((await t.api('GET', `/members/${m.zed.id}`, m.ada)).json()).toMatchObject({
      mutualConnections: 0,
      mutualPreview: [],
    });
    // Bob's connections (Ada, Xan, Wes) and Ada's have no one in common.
    expect((await t.api('GET', `/members/${m.bob.id}`, m.ada)).json()).toMatchObject({
      mutualConnections: 0,
    });
    expect((await t.api('GET', `/members/${m.ada.id}`, m.ada)).json()).toMatchObject({
      relationship: 'self',
      mutualConnections: 0,
      mutualPreview: [],
    });
  });

  it('P1 a removed connection is no longer counted', async () => {
    expect((await t.api('DELETE', `/connections/${m.cat.id}`, m.ada)).statusCode).toBe(204);
    const xan = (await t.api('GET', `/members/${m.xan.id}`, m.ada)).json();
    expect(xan.mutualConnections).toBe(2);
    expect(named(xan.mutualPreview)).toEqual(brief(m.bob, m.dan));
  });

  it('P1 a row names its shared connections as they are now: after a removal, a new connection and a deleted account', async () => {
    await invite(t, m.xan, m.ada);
    const xanRow = async () => {
      const items = (await t.api('GET', '/invitations/received', m.ada)).json().items as {
        mutualConnections: number;
        mutualPreview: { id: string; name: string }[];
      }[];
      expect(items).toHaveLength(1);
      return { count: items[0]!.mutualConnections, preview: named(items[0]!.mutualPreview) };
    };
    expect(await xanRow()).toEqual({ count: 3, preview: brief(m.bob, m.cat, m.dan) });
    expect((await t.api('DELETE', `/connections/${m.bob.id}`, m.ada)).statusCode).toBe(204);
    expect(await xanRow()).toEqual({ count: 2, preview: brief(m.cat, m.dan) });
    await connect(t, m.gus, m.ada);
    expect(await xanRow()).toEqual({ count: 3, preview: brief(m.cat, m.dan, m.gus) });
    expect((await t.api('DELETE', '/me', m.cat, { password: m.cat.password })).statusCode).toBe(204);
    expect(await xanRow()).toEqual({ count: 2, preview: brief(m.dan, m.gus) });
  });

  it('P1 a shared connection who edits their name is shown by the new name on the rows that name them', async () => {
    await invite(t, m.xan, m.ada);
    await invite(t, m.ada, m.wes);
    const previews = async () => ({
      received: named((await t.api('GET', '/invitations/received', m.ada)).json().items[0].mutualPreview),
      sent: named((await t.api('GET', '/invitations/sent', m.ada)).json().items[0].mutualPreview),
    });
    expect(await previews()).toEqual({
      received: brief(m.bob, m.cat, m.dan),
      sent: brief(m.bob, m.cat, m.dan),
    });
    expect((await t.api('PATCH', '/me', m.cat, { name: 'Catherine Sharp' })).statusCode).toBe(200);
    const renamed = [...brief(m.bob), { id: m.cat.id, name: 'Catherine Sharp' }, ...brief(m.dan)];
    expect(await previews()).toEqual({ received: renamed, sent: renamed });
  });
});

describe('P1 GET /members/:id/mutual', () => {
  it('P1 lists every shared connection in id order, paged with a cursor, with the total', async () => {
    const first = await t.api('GET', `/members/${m.wes.id}/mutual?limit=2`, m.ada);
    expect(first.statusCode).toBe(200);
    const one = first.json() as {
      items: { id: string; name: string; headline: string }[];
      nextCursor: string;
      total: number;
    };
    expect(one.total).toBe(5);
    expect(named(one.items)).toEqual(brief(m.bob, m.cat));
    expect(one.items[0]).toEqual({ id: m.bob.id, name: 'Bob', headline: "Bob's headline" });
    const two = (
      await t.api('GET', `/members/${m.wes.id}/mutual?limit=2&cursor=${one.nextCursor}`, m.ada)
    ).json();
    expect(named(two.items)).toEqual(brief(m.dan, m.eve));
    const three = (
      await t.api('GET', `/members/${m.wes.id}/mutual?limit=2&cursor=${two.nextCursor}`, m.ada)
    ).json();
    expect(three).toMatchObject({ nextCursor: null, total: 5 });
    expect(named(three.items)).toEqual(brief(m.hal));

    const xan = (await t.api('GET', `/members/${m.xan.id}/mutual`, m.ada)).json();
    expect(xan).toMatchObject({ total: 3, nextCursor: null });
    expect(named(xan.items)).toEqual(brief(m.bob, m.cat, m.dan));
    expect((await t.api('GET', `/members/${m.zed.id}/mutual`, m.ada)).json()).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect((await t.api('GET', `/members/${m.ada.id}/mutual`, m.ada)).json()).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('P1 404 for no such member and for a block either way, exactly alike; 400 for a foreign cursor; 401', async () => {
    expectProblem(await t.api('GET', '/members/nobody/mutual', m.ada), 404, 'not_found');
    expect((await t.api('POST', '/blocks', m.xan, { memberId: m.ada.id })).statusCode).toBe(204);
    const blocked = expectProblem(await t.api('GET', `/members/${m.xan.id}/mutual`, m.ada), 404, 'not_found');
    const missing = expectProblem(await t.api('GET', '/members/nobody/mutual', m.ada), 404, 'not_found');
    expect(blocked).toEqual(missing);
    expectProblem(await t.api('GET', `/members/${m.ada.id}/mutual`, m.xan), 404, 'not_found');
    expectProblem(
      await t.api('GET', `/members/${m.wes.id}/mutual?cursor=abc`, m.ada),
      400,
      'validation_failed',
    );
    expectProblem(await t.api('GET', `/members/${m.wes.id}/mutual?limit=0`, m.ada), 400, 'validation_failed');
    expectProblem(await t.api('GET', `/members/${m.wes.id}/mutual`, null), 401, 'unauthorized');
  });
});
