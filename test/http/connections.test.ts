import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, DAY, expectProblem, type TestApp } from '../helpers/app.js';
import {
  connect,
  expectConsistent,
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

describe('C1 connections list', () => {
  it('C1 lists connections newest first as {member, connectedAt}, with total', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann', { headline: 'Engineer' });
    const ben = await t.signUp('Ben');
    const cat = await t.signUp('Cat');
    await t.signUp('Stranger');
    await connect(t, me, ann);
    t.clock.advance(DAY);
    await connect(t, ben, me);
    t.clock.advance(DAY);
    await connect(t, me, cat);
    const res = await t.api('GET', '/connections', me);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { member: { name: string } }) => c.member.name)).toEqual(['Cat', 'Ben', 'Ann']);
    expect(body.items[2]).toEqual({
      member: { id: ann.id, name: 'Ann', headline: 'Engineer' },
      connectedAt: new Date(t.clock.now() - 2 * DAY).toISOString(),
    });
    expect(body).toMatchObject({ total: 3, nextCursor: null });
    const ben1 = (await t.api('GET', '/connections', ben)).json();
    expect(ben1.items).toEqual([
      { member: expect.objectContaining({ id: me.id }), connectedAt: expect.any(String) },
    ]);
  });

  it('C1 pages with a cursor; connections made at the same moment are neither lost nor repeated', async () => {
    const me = await t.signUp('Me');
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await t.signUp(`Other ${i}`));
    for (const o of others) await connect(t, o, me);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.api('GET', `/connections?limit=2${cursor ? `&cursor=${cursor}` : ''}`, me);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(5);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((c: { member: { id: string } }) => c.member.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(others.map((o) => o.id).sort());
  });

  it('C1 limit and cursor are checked (validation_failed)', async () => {
    const me = await t.signUp('Me');
    expectProblem(await t.api('GET', '/connections?limit=0', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/connections?limit=101', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/connections?cursor=not-ours', me), 400, 'validation_failed');
  });

  it('C1 401 without auth', async () => {
    expectProblem(await t.api('GET', '/connections', null), 401, 'unauthorized');
  });
});

describe('C1 remove connection', () => {
  it('C1 removing is 204 and both sides lose the connection, from lists, profiles and summaries', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann');
    const ben = await t.signUp('Ben');
    await connect(t, me, ann);
    await connect(t, ann, ben);
    expect(await summary(t, ann)).toMatchObject({ connections: 2 });

    const res = await t.api('DELETE', `/connections/${ann.id}`, me);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await t.api('GET', '/connections', me)).json()).toMatchObject({ items: [], total: 0 });
    const annList = (await t.api('GET', '/connections', ann)).json();
    expect(annList.items.map((c: { member: { id: string } }) => c.member.id)).toEqual([ben.id]);
    expect(annList.total).toBe(1);
    expect((await profile(t, me, ann)).json()).toMatchObject({ relationship: 'none', connectionCount: 1 });
    expect((await profile(t, ann, me)).json()).toMatchObject({ relationship: 'none', connectionCount: 0 });
    expect(await summary(t, me)).toMatchObject({ connections: 0 });
    expect(await summary(t, ann)).toMatchObject({ connections: 1 });
    await expectConsistent(t);
  });

  it('C1 removal is silent: the other member gets no notification, no live event, same unread count', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann');
    await connect(t, ann, me);
    const before = await notificationsOf(t, ann);
    const events = listen(t, ann);
    expect((await t.api('DELETE', `/connections/${ann.id}`, me)).statusCode).toBe(204);
    const after = await notificationsOf(t, ann);
    expect(after.rows).toEqual(before.rows);
    expect(after.unread).toBe(before.unread);
    expect(events).toEqual([]);
  });

  it('C1 after removal either member may invite the other again', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann');
    await connect(t, me, ann);
    await t.api('DELETE', `/connections/${me.id}`, ann);
    await invite(t, me, ann);
    expect((await profile(t, me, ann)).json()).toMatchObject({ relationship: 'invitation_sent' });
  });

  it('C1 404 not_found when not connected: a stranger, a pending invitee, yourself, an unknown id, a second removal', async () => {
    const me = await t.signUp('Me');
    const ann = await t.signUp('Ann');
    const ben = await t.signUp('Ben');
    const cat = await t.signUp('Cat');
    await connect(t, ann, ben);
    await invite(t, me, cat);
    await connect(t, me, ann);
    // Ann and Ben's connection is not Me's to remove.
    expectProblem(await t.api('DELETE', `/connections/${ben.id}`, me), 404, 'not_found');
    expectProblem(await t.api('DELETE', `/connections/${cat.id}`, me), 404, 'not_found');
    expectProblem(await t.api('DELETE', `/connections/${me.id}`, me), 404, 'not_found');
    expectProblem(await t.api('DELETE', '/connections/no-such-member', me), 404, 'not_found');
    expect((await t.api('DELETE', `/connections/${ann.id}`, me)).statusCode).toBe(204);
    expectProblem(await t.api('DELETE', `/connections/${ann.id}`, me), 404, 'not_found');
    expect(await summary(t, ann)).toMatchObject({ connections: 1 });
    expect(await summary(t, ben)).toMatchObject({ connections: 1 });
    expect(await summary(t, me)).toMatchObject({ connections: 0, invitationsSent: 1 });
    await expectConsistent(t);
  });

  it('C1 401 without auth', async () => {
    const ann = await t.signUp('Ann');
    expectProblem(await t.api('DELETE', `/connections/${ann.id}`, null), 401, 'unauthorized');
  });
});
