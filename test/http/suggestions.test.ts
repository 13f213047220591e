/**
 * P2 People you may know, against a network counted by hand. Ada is connected to Bob, Cat, Dan.
 *
 *   Kim — Bob, Cat, Dan → 3 mutual        Lou — Bob, Cat → 2        Max — Bob → 1
 *   Ign — Bob, Cat; invited Ada, who ignored it: to Ada that reads as no invitation → 2
 *   Wit — Bob, Cat; Ada invited Wit and withdrew → 2
 *   Each of these is two steps away as well (Bob, Cat) and never suggested:
 *   Con (connected to Ada), Pin (Ada invited them), Pou (invited Ada), Bkd (Ada blocked them),
 *   Bkr (blocked Ada), Dis (Ada dismissed them).
 *
 * Members sign up one after another, so their ids (time-ordered) sort in that order: ties in the
 * count are broken by id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import { setModerator } from '../../src/commands/setModerator.js';
import { connect, ignore, invite } from './relations.fixtures.js';

const NAMES = [
  'Ada',
  'Bob',
  'Cat',
  'Dan',
  'Kim',
  'Lou',
  'Ign',
  'Wit',
  'Max',
  'Con',
  'Pin',
  'Pou',
  'Bkd',
  'Bkr',
  'Dis',
] as const;
type Name = Lowercase<(typeof NAMES)[number]>;

let t: TestApp;
let m: Record<Name, TestMember>;

beforeEach(async () => {
  t = await createTestApp();
  const members: Partial<typeof m> = {};
  for (const name of NAMES) members[name.toLowerCase() as Name] = await t.signUp(name);
  m = members as typeof m;
  for (const friend of [m.bob, m.cat, m.dan]) await connect(t, m.ada, friend);
  for (const friend of [m.bob, m.cat, m.dan]) await connect(t, friend, m.kim);
  for (const x of [m.lou, m.ign, m.wit, m.con, m.pin, m.pou, m.bkd, m.bkr, m.dis]) {
    await connect(t, m.bob, x);
    await connect(t, x, m.cat);
  }
  await connect(t, m.max, m.bob);
  await connect(t, m.con, m.ada);
  await invite(t, m.ada, m.pin);
  await invite(t, m.pou, m.ada);
  await ignore(t, m.ada, await invite(t, m.ign, m.ada));
  const toWit = await invite(t, m.ada, m.wit);
  expect((await t.api('POST', `/invitations/${toWit}/withdraw`, m.ada)).statusCode).toBe(204);
  expect((await t.api('POST', '/blocks', m.ada, { memberId: m.bkd.id })).statusCode).toBe(204);
  expect((await t.api('POST', '/blocks', m.bkr, { memberId: m.ada.id })).statusCode).toBe(204);
  expect((await t.api('POST', `/network/suggestions/${m.dis.id}/dismiss`, m.ada)).statusCode).toBe(204);
});
afterEach(() => t.close());

type Item = {
  member: { id: string; name: string; headline: string };
  mutualConnections: number;
  mutualPreview: { name: string }[];
};

async function suggestions(as: TestMember, query = ''): Promise<Item[]> {
  const res = await t.api('GET', `/network/suggestions${query}`, as);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: Item[] }).items;
}

describe('P2 GET /network/suggestions', () => {
  it('P2 members two steps away, most mutual connections first, with the count and a few names', async () => {
    const items = await suggestions(m.ada);
    expect(items.map((i) => [i.member.name, i.mutualConnections])).toEqual([
      ['Kim', 3],
      ['Lou', 2],
      ['Ign', 2],
      ['Wit', 2],
      ['Max', 1],
    ]);
    expect(items[0]!.member).toEqual({ id: m.kim.id, name: 'Kim', headline: "Kim's headline" });
    expect(items[0]!.mutualPreview.map((p) => p.name)).toEqual(['Bob', 'Cat', 'Dan']);
    // The same count the profile shows.
    expect((await t.api('GET', `/members/${m.lou.id}`, m.ada)).json().mutualConnections).toBe(2);
  });

  it('P2 never the caller, a connection, a pending invitation either way, a block either way, a dismissed member', async () => {
    const shown = new Set((await suggestions(m.ada, '?limit=50')).map((i) => i.member.id));
    for (const [kind, who] of [
      ['the caller', m.ada],
      ['a connection', m.con],
      ['a connection (one of the mutual ones)', m.bob],
      ['an invitation the caller sent, pending', m.pin],
      ['an invitation the caller received, pending', m.pou],
      ['a member the caller blocked', m.bkd],
      ['a member who blocked the caller', m.bkr],
      ['a dismissed member', m.dis],
    ] as const) {
      expect(shown.has(who.id), kind).toBe(false);
    }
    // The other side of each: Pin and Pou do not see Ada either; Ign, whose invitation Ada
    // ignored, still has it pending and does not see her; the blocked pair never see each other.
    for (const other of [m.pin, m.pou, m.ign, m.bkd, m.bkr]) {
      expect((await suggestions(other, '?limit=50')).map((i) => i.member.id)).not.toContain(m.ada.id);
    }
    // Dismissing is one-sided: Dis may still be shown Ada.
    expect((await suggestions(m.dis, '?limit=50')).map((i) => i.member.id)).toContain(m.ada.id);
  });

  it('P2 the limit is filled past excluded members who rank higher (the exclusions are read in ranked order)', async () => {
    // Con, Pin, Pou, Bkd, Bkr and Dis (2 mutual each) all outrank Max (1); so do Lou, Ign and
    // Wit once dismissed. Asked for one, Ada is still shown Kim; with Kim dismissed too, Max.
    for (const x of [m.lou, m.ign, m.wit]) {
      expect((await t.api('POST', `/network/suggestions/${x.id}/dismiss`, m.ada)).statusCode).toBe(204);
    }
    expect((await suggestions(m.ada, '?limit=1')).map((i) => i.member.name)).toEqual(['Kim']);
    expect((await t.api('POST', `/network/suggestions/${m.kim.id}/dismiss`, m.ada)).statusCode).toBe(204);
    expect((await suggestions(m.ada, '?limit=1')).map((i) => [i.member.name, i.mutualConnections])).toEqual([
      ['Max', 1],
    ]);
  });

  it('P2 never a suspended member; lifting the suspension brings them back', async () => {
    const mo = await t.signUp('Mo Moderator');
    await setModerator(t.deps, { email: mo.email, moderator: true });
    expect(
      (await t.api('POST', `/admin/members/${m.kim.id}/suspend`, mo, { reason: 'spam' })).statusCode,
    ).toBe(204);
    expect((await suggestions(m.ada, '?limit=50')).map((i) => i.member.name)).toEqual([
      'Lou',
      'Ign',
      'Wit',
      'Max',
    ]);
    expect(
      (await t.api('POST', `/admin/members/${m.kim.id}/unsuspend`, mo, { reason: 'cleared' })).statusCode,
    ).toBe(204);
    expect((await suggestions(m.ada, '?limit=1')).map((i) => [i.member.name, i.mutualConnections])).toEqual([
      ['Kim', 3],
    ]);
  });

  it('P2 an invitation past its time to live no longer hides the member, before any sweep', async () => {
    t.clock.advance((t.deps.config.invitationTtlDays + 1) * 24 * 3600 * 1000);
    const names = (await suggestions(m.ada, '?limit=50')).map((i) => i.member.name);
    expect(names).toContain('Pin');
    expect(names).toContain('Pou');
  });

  it('P2 limit is 1–50, default 10', async () => {
    expect((await suggestions(m.ada, '?limit=2')).map((i) => i.member.name)).toEqual(['Kim', 'Lou']);
    expectProblem(await t.api('GET', '/network/suggestions?limit=0', m.ada), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/network/suggestions?limit=51', m.ada), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/network/suggestions', null), 401, 'unauthorized');
    // A member with no connections has nobody two steps away.
    const newcomer = await t.signUp('Newcomer');
    expect(await suggestions(newcomer)).toEqual([]);
  });
});

describe('P2 POST /network/suggestions/:memberId/dismiss', () => {
  it('P2 204 and remembered; dismissing twice is harmless', async () => {
    expect((await t.api('POST', `/network/suggestions/${m.kim.id}/dismiss`, m.ada)).statusCode).toBe(204);
    expect((await t.api('POST', `/network/suggestions/${m.kim.id}/dismiss`, m.ada)).statusCode).toBe(204);
    expect((await suggestions(m.ada)).map((i) => i.member.name)).toEqual(['Lou', 'Ign', 'Wit', 'Max']);
  });

  it('P2 404 for no such member, oneself and a block either way, all alike; 401 without a session', async () => {
    const missing = expectProblem(
      await t.api('POST', '/network/suggestions/nobody/dismiss', m.ada),
      404,
      'not_found',
    );
    const blocker = expectProblem(
      await t.api('POST', `/network/suggestions/${m.bkr.id}/dismiss`, m.ada),
      404,
      'not_found',
    );
    expect(blocker).toEqual(missing);
    expectProblem(await t.api('POST', `/network/suggestions/${m.bkd.id}/dismiss`, m.ada), 404, 'not_found');
    expectProblem(await t.api('POST', `/network/suggestions/${m.ada.id}/dismiss`, m.ada), 404, 'not_found');
    expectProblem(await t.api('POST', `/network/suggestions/${m.kim.id}/dismiss`, null), 401, 'unauthorized');
  });
});
