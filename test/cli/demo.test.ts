import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEEK } from '../../src/clock.js';
import { DEMO_LOGIN, DEMO_MODERATOR, loadDemoNetwork } from '../../src/commands/loadDemoNetwork.js';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';
import { expectInvariants } from '../helpers/invariants.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function logIn(): Promise<string> {
  const res = await t.api('POST', '/auth/login', null, DEMO_LOGIN);
  expect(res.statusCode).toBe(200);
  return res.json().token;
}

describe('O1 demo network', () => {
  it('O1 fills an empty database with a lived-in network around the demo login', async () => {
    const summary = await loadDemoNetwork(t.deps);
    expect(summary?.members).toBeGreaterThanOrEqual(12);
    const token = await logIn();

    const received = (await t.api('GET', '/invitations/received?limit=100', token)).json();
    const sent = (await t.api('GET', '/invitations/sent?limit=100', token)).json();
    expect(received.total).toBeGreaterThanOrEqual(3);
    expect(sent.total).toBeGreaterThanOrEqual(3);
    const all = [...received.items, ...sent.items] as { message: string | null; sentAt: string }[];
    const weeksOld = all.filter((i) => Date.parse(i.sentAt) <= t.clock.now() - 2 * WEEK);
    expect(weeksOld.length).toBeGreaterThanOrEqual(2);
    expect(all.some((i) => i.message !== null)).toBe(true);
    expect(all.some((i) => i.message === null)).toBe(true);

    const connections = (await t.api('GET', '/connections', token)).json();
    expect(connections.total).toBeGreaterThanOrEqual(3);
    const history = (await t.api('GET', '/invitations/history?limit=100', token)).json();
    const outcomes = new Set(history.items.map((i: { outcome: string }) => i.outcome));
    expect(outcomes).toEqual(new Set(['pending', 'accepted', 'withdrawn']));
    const notifications = (await t.api('GET', '/notifications', token)).json();
    expect(notifications.unreadCount).toBe(received.total);
    await expectInvariants(t.deps.db, 'after the demo network');
  });

  it('O1 one demo member accepts invitations only from people who know their email', async () => {
    await loadDemoNetwork(t.deps);
    const token = await logIn();
    const ravi = (await t.api('GET', '/members?query=ravi', token)).json().items[0];
    const refused = await t.api('POST', '/invitations', token, { recipientId: ravi.id });
    expectProblem(refused, 403, 'invitations_restricted');
    const sent = await t.api('POST', '/invitations', token, {
      recipientId: ravi.id,
      recipientEmail: ' Ravi@Rapport.test ',
    });
    expect(sent.statusCode).toBe(201);
  });

  it('M4 O1 has one moderator, whose console holds one open report with its snapshot', async () => {
    await loadDemoNetwork(t.deps);
    const mo = (await t.api('POST', '/auth/login', null, DEMO_MODERATOR)).json().token as string;
    const queue = (await t.api('GET', '/admin/reports', mo)).json();
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({
      reason: 'spam',
      reporter: { name: 'Priya Raman' },
      reported: { name: 'Noah Williams' },
      invitation: { message: 'Fan of your writing on distributed systems.' },
      status: 'open',
    });
    // Only the one: the demo member is no moderator.
    expect((await t.api('GET', '/admin/reports', await logIn())).statusCode).toBe(404);
    const moderators = await t.deps.db
      .selectFrom('members')
      .select('email')
      .where('is_moderator', '=', 1)
      .execute();
    expect(moderators).toEqual([{ email: DEMO_MODERATOR.email }]);
    await expectInvariants(t.deps.db, 'after the demo network');
  });

  it('O1 P1 P2 the demo login has mutual connections on its rows and people it may know', async () => {
    await loadDemoNetwork(t.deps);
    const demo = await logIn();
    type Row = { mutualConnections: number; mutualPreview: unknown[] };
    const received = (await t.api('GET', '/invitations/received', demo)).json().items as Row[];
    const sent = (await t.api('GET', '/invitations/sent', demo)).json().items as Row[];
    expect(received.filter((r) => r.mutualConnections > 0).length).toBeGreaterThanOrEqual(3);
    expect(sent.filter((r) => r.mutualConnections > 0).length).toBeGreaterThanOrEqual(2);
    expect(received.every((r) => r.mutualPreview.length === Math.min(3, r.mutualConnections))).toBe(true);
    const suggestions = (await t.api('GET', '/network/suggestions', demo)).json().items as {
      member: { name: string };
      mutualConnections: number;
    }[];
    expect(suggestions.length).toBeGreaterThanOrEqual(4);
    expect(suggestions[0]).toMatchObject({ member: { name: 'Elena Rossi' }, mutualConnections: 3 });
    const counts = suggestions.map((s) => s.mutualConnections);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('O1 leaves a database that already has members alone', async () => {
    const someone = await t.signUp('Someone');
    expect(await loadDemoNetwork(t.deps)).toBeNull();
    const found = (await t.api('GET', '/members?query=a', someone)).json();
    expect(found.total).toBe(0);
  });
});
