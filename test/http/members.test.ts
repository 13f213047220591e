import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withdrawInvitation } from '../../src/commands/withdrawInvitation.js';
import { createTestApp, DAY, expectProblem, type TestApp } from '../helpers/app.js';
import { connect, expectConsistent, ignore, invite, profile } from './relations.fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('A2 profile: name, headline, connection count and relationship', () => {
  it('A2 the viewer’s own profile reads self', async () => {
    const ada = await t.signUp('Ada Lovelace', { headline: 'Analyst' });
    const res = await profile(t, ada, ada);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      member: { id: ada.id, name: 'Ada Lovelace', headline: 'Analyst' },
      relationship: 'self',
      invitationId: null,
      connectionCount: 0,
      mutualConnections: 0,
      mutualPreview: [],
      canInviteAt: null,
      invitationRequiresEmail: false,
    });
  });

  it('A2 a stranger reads none; a pending invitation reads invitation_sent / invitation_received with its id', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    expect((await profile(t, ada, bob)).json()).toMatchObject({ relationship: 'none', invitationId: null });
    const id = await invite(t, ada, bob, 'Hello');
    expect((await profile(t, ada, bob)).json()).toMatchObject({
      relationship: 'invitation_sent',
      invitationId: id,
    });
    expect((await profile(t, bob, ada)).json()).toMatchObject({
      relationship: 'invitation_received',
      invitationId: id,
    });
  });

  it('A2 connected members read connected, and both connection counts show it', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const cy = await t.signUp('Cy');
    await connect(t, ada, bob);
    await connect(t, cy, bob);
    expect((await profile(t, ada, bob)).json()).toMatchObject({
      relationship: 'connected',
      invitationId: null,
      connectionCount: 2,
    });
    expect((await profile(t, bob, ada)).json()).toMatchObject({
      relationship: 'connected',
      connectionCount: 1,
    });
    expect((await profile(t, ada, cy)).json()).toMatchObject({ relationship: 'none', connectionCount: 1 });
    await expectConsistent(t);
  });

  it('A2 an invitation the viewer ignored reads none to them, and still invitation_sent to its sender', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, ada, bob);
    await ignore(t, bob, id);
    expect((await profile(t, bob, ada)).json()).toMatchObject({ relationship: 'none', invitationId: null });
    expect((await profile(t, ada, bob)).json()).toMatchObject({
      relationship: 'invitation_sent',
      invitationId: id,
    });
  });

  it('A2 I5 after a withdrawal the recipient’s view of the sender shows no trace of it', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const id = await invite(t, ada, bob);
    await withdrawInvitation(t.deps, { id: ada.id }, id);
    expect((await profile(t, bob, ada)).json()).toMatchObject({ relationship: 'none', invitationId: null });
    expect((await profile(t, ada, bob)).json()).toMatchObject({ relationship: 'none', invitationId: null });
  });

  it('A2 I9 a pending invitation past its time to live reads none, even before any sweep', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    await invite(t, ada, bob);
    t.clock.advance(t.deps.config.invitationTtlDays * DAY - 1);
    expect((await profile(t, bob, ada)).json()).toMatchObject({ relationship: 'invitation_received' });
    t.clock.advance(1);
    expect((await profile(t, bob, ada)).json()).toMatchObject({ relationship: 'none', invitationId: null });
    expect((await profile(t, ada, bob)).json()).toMatchObject({ relationship: 'none', invitationId: null });
  });

  it('A2 404 not_found for ids that are no member, in any format', async () => {
    const ada = await t.signUp('Ada');
    for (const id of [
      '0190c7a0-0000-7000-8000-000000000000',
      'nope',
      "'; drop table members; --",
      '%',
      '..',
    ]) {
      expectProblem(await profile(t, ada, id), 404, 'not_found');
    }
  });

  it('A2 C2 404 not_found when either member blocked the other', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    expect((await t.api('POST', '/blocks', bob, { memberId: ada.id })).statusCode).toBe(204);
    expectProblem(await profile(t, ada, bob), 404, 'not_found');
    expectProblem(await profile(t, bob, ada), 404, 'not_found');
  });

  it('A2 401 without auth', async () => {
    const ada = await t.signUp('Ada');
    expectProblem(await t.api('GET', `/members/${ada.id}`, null), 401, 'unauthorized');
  });
});

describe('A3 find members by name', () => {
  const search = (as: Parameters<TestApp['api']>[2], query: string, extra = '') =>
    t.api('GET', `/members?query=${encodeURIComponent(query)}${extra}`, as);
  const names = (res: Awaited<ReturnType<typeof search>>) =>
    (res.json() as { items: { name: string }[] }).items.map((m) => m.name);

  it('A3 matches names containing the text, ignoring case, in name order, leaving the searcher out', async () => {
    const ada = await t.signUp('Ada Lovelace', { headline: 'Analyst' });
    const grace = await t.signUp('Grace Hopper');
    await t.signUp('ADAM Smith');
    await t.signUp('Nadia Comăneci');
    await t.signUp('Adaline Byron', { headline: 'Poet' });
    const res = await search(ada, 'aDa');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['Adaline Byron', 'ADAM Smith']);
    expect(res.json()).toMatchObject({ total: 2, nextCursor: null });
    expect(res.json().items[0]).toEqual({
      id: expect.any(String),
      name: 'Adaline Byron',
      headline: 'Poet',
    });
    expect(names(await search(ada, '  hopper '))).toEqual(['Grace Hopper']);
    expect(names(await search(ada, 'COMĂ'))).toEqual(['Nadia Comăneci']);
    expect(names(await search(ada, 'zzz'))).toEqual([]);
    // Grace finds Ada; Ada never finds herself, whatever she types.
    expect(names(await search(grace, 'lovelace'))).toEqual(['Ada Lovelace']);
    expect((await search(ada, 'lovelace')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('A3 % _ and \\ in the text match only themselves', async () => {
    const me = await t.signUp('Searcher');
    await t.signUp('100% Sure');
    await t.signUp('1000 Sure');
    await t.signUp('snake_case');
    await t.signUp('snakeXcase');
    await t.signUp('back\\slash');
    expect(names(await search(me, '100%'))).toEqual(['100% Sure']);
    expect(names(await search(me, 'e_c'))).toEqual(['snake_case']);
    expect(names(await search(me, 'k\\s'))).toEqual(['back\\slash']);
    expect(names(await search(me, '%'))).toEqual(['100% Sure']);
  });

  it('A3 C2 members blocked in either direction never appear', async () => {
    const ada = await t.signUp('Ada');
    const blockedByAda = await t.signUp('Pat One');
    const blockerOfAda = await t.signUp('Pat Two');
    await t.signUp('Pat Three');
    await t.api('POST', '/blocks', ada, { memberId: blockedByAda.id });
    await t.api('POST', '/blocks', blockerOfAda, { memberId: ada.id });
    const res = await search(ada, 'pat');
    expect(names(res)).toEqual(['Pat Three']);
    expect(res.json().total).toBe(1);
    expect(names(await search(blockedByAda, 'ada'))).toEqual([]);
  });

  it('A3 pages with a cursor, stable and complete', async () => {
    const me = await t.signUp('Viewer');
    for (const n of ['Kim E', 'kim a', 'Kim D', 'KIM C', 'Kim B']) await t.signUp(n);
    await t.signUp('Kim B');
    const first = await search(me, 'kim', '&limit=4');
    expect(first.json()).toMatchObject({ total: 6 });
    expect(names(first)).toEqual(['kim a', 'Kim B', 'Kim B', 'KIM C']);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await search(me, 'kim', `&limit=4&cursor=${cursor}`);
    expect(names(second)).toEqual(['Kim D', 'Kim E']);
    expect(second.json()).toMatchObject({ nextCursor: null, total: 6 });
    const ids = [...first.json().items, ...second.json().items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('A3 query is required and 1–100 characters; limit and cursor are checked (validation_failed)', async () => {
    const me = await t.signUp('Viewer');
    expectProblem(await t.api('GET', '/members', me), 400, 'validation_failed');
    expectProblem(await search(me, ''), 400, 'validation_failed');
    expectProblem(await search(me, '   '), 400, 'validation_failed');
    expectProblem(await search(me, 'x'.repeat(101)), 400, 'validation_failed');
    expect((await search(me, 'x'.repeat(100))).statusCode).toBe(200);
    expectProblem(await search(me, 'a', '&limit=0'), 400, 'validation_failed');
    expectProblem(await search(me, 'a', '&limit=101'), 400, 'validation_failed');
    expectProblem(await search(me, 'a', '&cursor=garbage!'), 400, 'validation_failed');
    expectProblem(await search(me, 'a', '&cursor=WzEsMl0'), 400, 'validation_failed');
  });

  it('A3 401 without auth', async () => {
    expectProblem(await t.api('GET', '/members?query=a', null), 401, 'unauthorized');
  });
});
