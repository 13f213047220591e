import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

/**
 * M4: a suspended member reads as deleted to everyone else in every view that can show a member,
 * until the suspension is lifted; lifting puts back exactly what was there.
 */

let t: TestApp;
let mo: TestMember;
beforeEach(async () => {
  t = await createTestApp({ config: { invitesPerDay: 1000, invitesPerWeek: 1000, invitationTtlDays: 10 } });
  mo = await t.signUp('Mo Moderator');
  await setModerator(t.deps, { email: mo.email, moderator: true });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return res.json().invitation.id as string;
}

async function connect(a: TestMember, b: TestMember): Promise<void> {
  const id = await invite(a, b);
  expect((await t.api('POST', `/invitations/${id}/accept`, b)).statusCode).toBe(200);
}

async function moderate(action: 'suspend' | 'unsuspend', m: TestMember): Promise<void> {
  const res = await t.api('POST', `/admin/members/${m.id}/${action}`, mo, { reason: `test ${action}` });
  expect(res.statusCode).toBe(204);
}

async function signInAgain(m: TestMember): Promise<void> {
  const res = await t.api('POST', '/auth/login', null, { email: m.email, password: m.password });
  expect(res.statusCode).toBe(200);
  m.token = res.json().token as string;
}

const memberIds = (res: LightMyRequestResponse) =>
  (res.json().items as { id?: string; member?: { id: string } }[]).map((i) => i.member?.id ?? i.id);

describe('M4 a suspended member reads as deleted in the sender-facing reports', () => {
  it('contact history, its count and exports, and insights leave out invitations to a suspended member until lifted', async () => {
    const [ada, sam, bob] = [await t.signUp('Ada'), await t.signUp('Sam Spammer'), await t.signUp('Bob')];
    await invite(ada, sam, 'hello Sam');
    const toBob = await invite(ada, bob);
    expect((await t.api('POST', `/invitations/${toBob}/accept`, bob)).statusCode).toBe(200);
    const read = async () => ({
      history: await t.api('GET', '/invitations/history', ada),
      csv: (await t.api('GET', '/invitations/history?format=csv', ada)).body,
      insights: (await t.api('GET', '/invitations/insights?weeks=2', ada)).json(),
    });
    const before = await read();
    expect(before.history.json().total).toBe(2);
    expect(before.insights.totals.sent).toBe(2);

    await moderate('suspend', sam);
    const during = await read();
    expect(memberIds(during.history)).toEqual([toBob]);
    expect(during.history.json().total).toBe(1);
    expect(during.csv).not.toContain('Sam Spammer');
    expect(during.csv).not.toContain('hello Sam');
    expect(during.insights.totals).toEqual({ sent: 1, accepted: 1, withdrawn: 0, expired: 0, pending: 0 });
    expect(during.insights.weekly.reduce((n: number, w: { sent: number }) => n + w.sent, 0)).toBe(1);
    expect(during.insights.byNote.withNote).toEqual({ accepted: 0, withdrawn: 0, expired: 0, pending: 0 });

    t.clock.advance(DAY);
    await moderate('unsuspend', sam);
    const after = await read();
    // Back, ended as the suspension ended it (to Ada it reads as one Sam let lapse).
    expect(after.history.json().total).toBe(2);
    const toSam = (after.history.json().items as { recipient: { id: string }; outcome: string }[]).find(
      (h) => h.recipient.id === sam.id,
    );
    expect(toSam?.outcome).toBe('expired');
    expect(after.insights.totals).toEqual({ sent: 2, accepted: 1, withdrawn: 0, expired: 1, pending: 0 });
  });

  it('a block of a suspended member is out of sight like the member: unblocking answers 404 and the block stays', async () => {
    const [ada, sam] = [await t.signUp('Ada'), await t.signUp('Sam')];
    expect((await t.api('POST', '/blocks', ada, { memberId: sam.id })).statusCode).toBe(204);
    await moderate('suspend', sam);
    expect((await t.api('GET', '/blocks', ada)).json()).toMatchObject({ items: [], total: 0 });
    expectProblem(await t.api('DELETE', `/blocks/${sam.id}`, ada), 404, 'not_found');
    await moderate('unsuspend', sam);
    expect(memberIds(await t.api('GET', '/blocks', ada))).toEqual([sam.id]);
    // Still blocked: Sam cannot reach Ada.
    await signInAgain(sam);
    expectProblem(await t.api('GET', `/members/${ada.id}`, sam), 404, 'not_found');
  });
});

describe('M4 lifting a suspension puts back what was there', () => {
  it('two connected members both suspended: lifting one keeps the connection held until the other is lifted', async () => {
    const [ada, sam, sue] = [await t.signUp('Ada'), await t.signUp('Sam'), await t.signUp('Sue')];
    await connect(sam, sue);
    await connect(sam, ada);
    await moderate('suspend', sam);
    await moderate('suspend', sue);
    await moderate('unsuspend', sam);
    await signInAgain(sam);
    // Sue is still suspended: to Sam she reads as deleted, and his count leaves her out.
    expect(memberIds(await t.api('GET', '/connections', sam))).toEqual([ada.id]);
    expect((await t.api('GET', '/network/summary', sam)).json().connections).toBe(1);
    expect((await t.api('GET', `/members/${sam.id}`, ada)).json().connectionCount).toBe(1);
    await moderate('unsuspend', sue);
    await signInAgain(sue);
    expect(memberIds(await t.api('GET', '/connections', sue))).toEqual([sam.id]);
    expect((await t.api('GET', '/network/summary', sue)).json().connections).toBe(1);
    expect((await t.api('GET', '/network/summary', sam)).json().connections).toBe(2);
    const counts = await t.deps.db.selectFrom('members').select(['id', 'connection_count']).execute();
    const stored = Object.fromEntries(counts.map((r) => [r.id, Number(r.connection_count)]));
    expect([stored[sam.id], stored[sue.id], stored[ada.id]]).toEqual([2, 1, 1]);
    expect(await t.deps.db.selectFrom('suspended_connections').selectAll().execute()).toEqual([]);
  });

  it('an invitation of the member already past its time to live stays the expiry it was, not a withdrawal', async () => {
    const [sam, ada, bob] = [await t.signUp('Sam'), await t.signUp('Ada'), await t.signUp('Bob')];
    const old = await invite(sam, ada);
    const ranOut = new Date(t.clock.now() + 10 * DAY).toISOString();
    t.clock.advance(11 * DAY);
    const live = await invite(sam, bob);
    await moderate('suspend', sam);
    await moderate('unsuspend', sam);
    await signInAgain(sam);
    const history = (await t.api('GET', '/invitations/history', sam)).json().items as {
      id: string;
      outcome: string;
      endedAt: string;
    }[];
    expect(history.map((h) => [h.id, h.outcome])).toEqual([
      [live, 'withdrawn'],
      [old, 'expired'],
    ]);
    expect(history[1]?.endedAt).toBe(ranOut);
  });
});

describe('M4 lifting a suspension and the connection cap', () => {
  it('every held connection comes back, even past the cap on the other side; that side then makes no new one until below it', async () => {
    await t.close();
    t = await createTestApp({ config: { invitesPerDay: 1000, invitesPerWeek: 1000, maxConnections: 2 } });
    mo = await t.signUp('Mo Moderator');
    await setModerator(t.deps, { email: mo.email, moderator: true });
    const [ada, sam, bob, cy, dee] = [
      await t.signUp('Ada'),
      await t.signUp('Sam'),
      await t.signUp('Bob'),
      await t.signUp('Cy'),
      await t.signUp('Dee'),
    ];
    await connect(ada, sam);
    const samSince = (await t.api('GET', '/connections', ada)).json().items[0].connectedAt as string;
    await moderate('suspend', sam);
    // Sam's slot is free meanwhile: Ada fills her two.
    await connect(ada, bob);
    const fromDee = await invite(dee, ada);
    await connect(cy, ada);
    await moderate('unsuspend', sam);
    await signInAgain(sam);

    // Nothing is lost: Sam is back in Ada's list as he was, and Ada holds three, one past the cap.
    const adaConnections = (await t.api('GET', '/connections', ada)).json();
    expect(adaConnections.total).toBe(3);
    expect(
      adaConnections.items.find((c: { member: { id: string } }) => c.member.id === sam.id)?.connectedAt,
    ).toBe(samSince);
    expect((await t.api('GET', '/network/summary', ada)).json().connections).toBe(3);
    expect((await t.api('GET', '/network/summary', sam)).json().connections).toBe(1);

    // The cap still holds for anything new, both ways, until Ada is below it again.
    expectProblem(
      await t.api('POST', '/invitations', ada, { recipientId: dee.id }),
      409,
      'connection_limit_reached',
    );
    expectProblem(
      await t.api('POST', `/invitations/${fromDee}/accept`, ada),
      409,
      'connection_limit_reached',
    );
    expect((await t.api('DELETE', `/connections/${bob.id}`, ada)).statusCode).toBe(204);
    expectProblem(
      await t.api('POST', `/invitations/${fromDee}/accept`, ada),
      409,
      'connection_limit_reached',
    );
    expect((await t.api('DELETE', `/connections/${cy.id}`, ada)).statusCode).toBe(204);
    expect((await t.api('POST', `/invitations/${fromDee}/accept`, ada)).statusCode).toBe(200);
    expect((await t.api('GET', '/network/summary', ada)).json().connections).toBe(2);
  });
});
