import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/clock.js';
import { smtpTransport } from '../../src/email/transport.js';
import { createMailWorker } from '../../src/jobs/mailWorker.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { createTestApp, testDialect, type TestApp, type TestMember } from '../helpers/app.js';
import { registeredRoutes, routeKey } from '../helpers/routeTable.js';
import { GRACE, PUBLIC_URL } from '../helpers/mail.js';
import { startSmtpSink } from '../helpers/smtpSink.js';
import { openLiveStream, type LiveStream, type SseEvent } from '../helpers/sse.js';

/**
 * Privacy audit (I5, I8, C1, C2, A4, N1): after a withdrawal, an ignore, a removed connection, a
 * block and an account deletion, every surface the other member can reach is read and compared
 * with what they saw before the other side ever acted — and the live stream is watched
 * throughout. No trace, no notification.
 *
 * It walks the route table: SURFACES maps every GET route the app registers to how the audit
 * reads it as the other member, and the first test fails when the app has a GET route the map
 * does not cover — so a new endpoint fails this suite until someone decides what it may show.
 */

interface Ctx {
  t: TestApp;
  observer: TestMember;
  /** The member who acts; before they exist, an id nobody has. */
  actorId: string;
  /** Always an id nobody has: what "no such member" looks like. */
  nobodyId: string;
  /** Text that would betray the actor: their id, name, the ids of invitations between the two. */
  traces: string[];
}

type Reader = (ctx: Ctx) => Promise<unknown>;

async function json(ctx: Ctx, url: string): Promise<unknown> {
  const res = await ctx.t.api('GET', url, ctx.observer);
  return { status: res.statusCode, body: res.json() as unknown };
}

/** A list read whole, page by page, as a client paging through it would see it. */
function list(path: string): Reader {
  return async (ctx) => {
    const items: unknown[] = [];
    let cursor: string | null = null;
    let first: Record<string, unknown> | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await ctx.t.api(
        'GET',
        `${path}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ctx.observer,
      );
      if (res.statusCode !== 200) return { status: res.statusCode, body: res.json() as unknown };
      const body = res.json() as { items: unknown[]; nextCursor: string | null } & Record<string, unknown>;
      items.push(...body.items);
      first ??= body;
      cursor = body.nextCursor;
    } while (cursor);
    const { items: _i, nextCursor: _n, ...rest } = first;
    return { ...rest, items };
  };
}

/** Static or aggregate surfaces: what matters is that they name nobody. */
function tracesIn(path: string, as: 'member' | 'anonymous' = 'anonymous'): Reader {
  return async (ctx) => {
    const res = await ctx.t.api('GET', path, as === 'member' ? ctx.observer : null);
    return {
      status: res.statusCode < 400 ? 'ok' : res.statusCode,
      traces: ctx.traces.filter((x) => res.body.includes(x)),
    };
  };
}

/**
 * Every GET route of the app → how the audit reads it as the other member. 'live' is the event
 * stream, watched for the whole scenario instead of read.
 */
const SURFACES: Record<string, Reader | 'live'> = {
  'GET /api/v1/me': (ctx) => json(ctx, '/me'),
  'GET /api/v1/members': async (ctx) => ({
    byName: await list('/members?query=Ada')(ctx),
    byLetter: await list('/members?query=a')(ctx),
  }),
  'GET /api/v1/members/:id': async (ctx) => ({
    actor: await json(ctx, `/members/${ctx.actorId}`),
    nobody: await json(ctx, `/members/${ctx.nobodyId}`),
    self: await json(ctx, `/members/${ctx.observer.id}`),
  }),
  'GET /api/v1/members/:id/mutual': async (ctx) => ({
    actor: await list(`/members/${ctx.actorId}/mutual`)(ctx),
    nobody: await list(`/members/${ctx.nobodyId}/mutual`)(ctx),
  }),
  'GET /api/v1/network/suggestions': (ctx) => json(ctx, '/network/suggestions?limit=50'),
  'GET /api/v1/invitations/sent': list('/invitations/sent'),
  'GET /api/v1/invitations/received': list('/invitations/received'),
  'GET /api/v1/invitations/history': async (ctx) => ({
    json: await list('/invitations/history')(ctx),
    csv: (await ctx.t.api('GET', '/invitations/history?format=csv', ctx.observer)).body,
  }),
  'GET /api/v1/invitations/insights': (ctx) => json(ctx, '/invitations/insights?weeks=30'),
  'GET /api/v1/invitations/quota': (ctx) => json(ctx, '/invitations/quota'),
  'GET /api/v1/connections': list('/connections'),
  'GET /api/v1/blocks': list('/blocks'),
  'GET /api/v1/settings': (ctx) => json(ctx, '/settings'),
  'GET /api/v1/network/summary': (ctx) => json(ctx, '/network/summary'),
  'GET /api/v1/notifications': list('/notifications'),
  'GET /api/v1/notifications/stream': 'live',
  // M4: a member (the observer is no moderator) finds only "no such path" here, traces none.
  'GET /api/v1/admin/reports': tracesIn('/api/v1/admin/reports', 'member'),
  'GET /api/v1/admin/members': tracesIn('/api/v1/admin/members?query=a', 'member'),
  'GET /api/v1/admin/members/:id': tracesIn('/api/v1/admin/members/x', 'member'),
  'GET /api/v1/admin/audit': tracesIn('/api/v1/admin/audit?format=csv', 'member'),
  'GET /api/v1/admin/audit/export': tracesIn('/api/v1/admin/audit/export?format=json', 'member'),
  'GET /api/v1/openapi.json': tracesIn('/api/v1/openapi.json'),
  // Public: a token names one member and kind, and only the server can make one; a guess is 404.
  'GET /api/v1/email/unsubscribe': tracesIn('/api/v1/email/unsubscribe?token=r.x.y'),
  // The demo login, public, and only with RAPPORT_DEMO=1: fixed text that names no member.
  'GET /api/v1/auth/demo': tracesIn('/api/v1/auth/demo'),
  'GET /healthz': tracesIn('/healthz'),
  // Aggregate counters for operators, public unless RAPPORT_METRICS_TOKEN is set (design/api.md):
  // they must never carry a member's id or name, or an invitation's. Their totals by route and
  // by event do move when anyone withdraws or ignores — an operator's choice to expose.
  'GET /metrics': tracesIn('/metrics'),
  'GET /api/docs': tracesIn('/api/docs'),
  'GET /api/docs/': tracesIn('/api/docs/'),
  'GET /api/docs/*': tracesIn('/api/docs/static/index.css'),
  'GET /api/docs/json': tracesIn('/api/docs/json'),
  'GET /api/docs/yaml': tracesIn('/api/docs/yaml'),
  'GET /api/docs/static/index.html': tracesIn('/api/docs/static/index.html'),
  'GET /api/docs/static/swagger-initializer.js': tracesIn('/api/docs/static/swagger-initializer.js'),
};

type View = Record<string, unknown>;

/** Everything the observer can read, with the actor's and nobody's ids written alike. */
async function viewOf(ctx: Ctx): Promise<View> {
  const view: View = {};
  for (const [key, reader] of Object.entries(SURFACES)) {
    if (reader !== 'live') view[key] = await reader(ctx);
  }
  figures.surfaces += Object.keys(view).length;
  const text = JSON.stringify(view).replaceAll(ctx.actorId, '<member>').replaceAll(ctx.nobodyId, '<member>');
  const normalized = JSON.parse(text) as View;
  RAW.set(normalized, view);
  return normalized;
}

/** Each view as read, before ids were written alike: what trace checks search. */
const RAW = new WeakMap<View, View>();

const figures = { scenarios: 0, surfaces: 0, leaks: 0, notifications: 0 };

afterAll(() => {
  console.info(
    `[issue-6 figures] privacy (${testDialect}): ${figures.scenarios} scenarios, ${figures.surfaces} surface reads ` +
      `over ${Object.keys(SURFACES).length} GET routes + the live stream; ${figures.leaks} leaks, ` +
      `${figures.notifications} notifications to the other member`,
  );
});

let t: TestApp;
let baseUrl: string;
let bob: TestMember;
let carol: TestMember;
let dave: TestMember;
let erin: TestMember;
let stream: LiveStream;
const NOBODY = '01a2b3c4-0000-7000-8000-000000000000';

beforeEach(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // Bob is the one watched. He has a life of his own, so there is something to disturb.
  bob = await t.signUp('Bob Babbage');
  carol = await t.signUp('Carol Shaw');
  dave = await t.signUp('Dave Cutler');
  erin = await t.signUp('Erin Catto');
  await t.api('POST', '/invitations', carol, { recipientId: bob.id, message: 'Hi Bob' });
  const dv = (await t.api('POST', '/invitations', dave, { recipientId: bob.id })).json().invitation.id;
  await t.api('POST', `/invitations/${dv}/accept`, bob);
  await t.api('POST', '/invitations', bob, { recipientId: erin.id, message: 'Hello Erin' });
  stream = await openLiveStream(baseUrl, { token: bob.token });
});
afterEach(async () => {
  await stream.close();
  await t.close();
});

function ctxFor(observer: TestMember, actor: TestMember | null, traces: string[] = []): Ctx {
  return {
    t,
    observer,
    actorId: actor?.id ?? '01a2b3c4-ffff-7000-8000-000000000000',
    nobodyId: NOBODY,
    traces: actor ? [actor.id, actor.name, ...traces] : traces,
  };
}

/**
 * What the live stream told the observer after `from`: no new notification, and removals only
 * of things they had already been shown.
 */
function assertSilentStream(events: SseEvent[], from: number, seen: View): void {
  const after = events.slice(from);
  const notifications = after.filter((e) => e.event === 'notification');
  figures.notifications += notifications.length;
  expect(notifications, 'no notification reaches the other member').toEqual([]);
  const seenText = JSON.stringify(seen);
  for (const e of after) {
    const id = (e.data as { id?: string } | null)?.id ?? '';
    expect(seenText, `${e.event} names only something the member had already seen`).toContain(id);
  }
}

/** Nothing in the view (as read, ids and all) names any of `traces`; `except` surfaces are skipped. */
function expectNoTrace(what: string, view: View, traces: string[], except: string[] = []): void {
  const raw = RAW.get(view) ?? view;
  const text = JSON.stringify(Object.entries(raw).filter(([key]) => !except.includes(key)));
  const found = traces.filter((x) => text.includes(x));
  if (found.length) figures.leaks += 1;
  expect(found, `${what} names ${found.join(', ')}`).toEqual([]);
}

function expectSameView(after: View, before: View, except: string[] = []): void {
  for (const key of Object.keys(SURFACES)) {
    if (SURFACES[key] === 'live' || except.includes(key)) continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) figures.leaks += 1;
    expect(after[key], `${key} is as it was`).toEqual(before[key]);
  }
}

/** The view as it would be had the actor never existed: out of search, a profile like nobody's. */
function asIfGone(view: View, actorName: string): View {
  const copy = structuredClone(view) as Record<
    string,
    Record<string, { items?: { name: string }[]; total?: number }>
  >;
  for (const search of Object.values(copy['GET /api/v1/members'] as object) as {
    items: { name: string }[];
    total: number;
  }[]) {
    const kept = search.items.filter((m) => m.name !== actorName);
    search.total -= search.items.length - kept.length;
    search.items = kept;
  }
  const profiles = copy['GET /api/v1/members/:id'] as unknown as { actor: unknown; nobody: unknown };
  profiles.actor = profiles.nobody;
  const mutual = copy['GET /api/v1/members/:id/mutual'] as unknown as { actor: unknown; nobody: unknown };
  mutual.actor = mutual.nobody;
  const suggestions = copy['GET /api/v1/network/suggestions'] as unknown as {
    body: { items: { member: { name: string } }[] };
  };
  suggestions.body.items = suggestions.body.items.filter((s) => s.member.name !== actorName);
  return copy;
}

/** Waits until Bob's stream has shown `count` events after `from`, then until it goes quiet. */
async function streamShows(from: number, count: number): Promise<void> {
  await stream.waitFor((e) => e.length >= from + count);
  await stream.settle();
}

const notificationsShown = () => stream.events.filter((e) => e.event === 'notification').length;

async function connectPair(a: TestMember, b: TestMember): Promise<void> {
  const id = await send(a, b);
  expect((await t.api('POST', `/invitations/${id}/accept`, b)).statusCode).toBe(200);
}

async function send(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  expect(res.statusCode).toBe(201);
  return res.json().invitation.id as string;
}

describe('privacy audit: the route table is covered', () => {
  it('every GET route the app registers has an audit entry, and every entry is a route', () => {
    const gets = registeredRoutes(t.app)
      .filter((r) => r.method === 'GET')
      .map(routeKey);
    const missing = gets.filter((k) => !(k in SURFACES));
    expect(missing, 'GET routes the privacy audit does not read: add them to SURFACES').toEqual([]);
    expect(Object.keys(SURFACES).filter((k) => !gets.includes(k))).toEqual([]);
    const heads = registeredRoutes(t.app).filter((r) => r.method === 'HEAD');
    expect(heads.filter((h) => !(`GET ${h.url}` in SURFACES))).toEqual([]);
  });
});

describe('I5 N1 withdraw: the recipient sees exactly what they saw before it was sent', () => {
  async function withdrawScenario(
    how: (ada: TestMember, invitationId: string) => Promise<void>,
  ): Promise<void> {
    figures.scenarios += 1;
    const ada = await t.signUp('Ada Lovelace');
    // Ada knows Dave, Bob's connection: she is someone Bob may know, with one mutual connection.
    await connectPair(ada, dave);
    const before = await viewOf(ctxFor(bob, ada));
    expect(before['GET /api/v1/network/suggestions']).toMatchObject({
      body: { items: [{ member: { id: '<member>' }, mutualConnections: 1 }] },
    });
    expect(before['GET /api/v1/members/:id']).toMatchObject({ actor: { body: { mutualConnections: 1 } } });
    const shown = stream.events.length;
    const invitationId = await send(ada, bob, 'A note only Bob would know');
    const traces = [invitationId, 'A note only Bob would know'];
    await streamShows(shown, 1);
    const during = await viewOf(ctxFor(bob, ada, traces));
    expect(JSON.stringify(during)).toContain(invitationId);
    // While it is pending, Ada is no suggestion: she is in Bob's Received tab instead.
    expect(during['GET /api/v1/network/suggestions']).toMatchObject({ body: { items: [] } });
    const mark = stream.events.length;

    await how(ada, invitationId);

    await streamShows(mark, 2);
    const after = await viewOf(ctxFor(bob, ada, traces));
    expectSameView(after, before);
    expectNoTrace('what Bob can read', after, traces);
    assertSilentStream(stream.events, mark, during);
    expect(
      stream.events
        .slice(mark)
        .map((e) => e.event)
        .sort(),
    ).toEqual(['invitation_removed', 'notification_removed']);
  }

  it('I5 one withdrawal', async () => {
    await withdrawScenario(async (ada, id) => {
      expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
    });
  });

  it('I6 bulk withdrawal by ids', async () => {
    await withdrawScenario(async (ada, id) => {
      expect((await t.api('POST', '/invitations/withdraw', ada, { ids: [id] })).json().withdrawn).toEqual([
        id,
      ]);
    });
  });

  it('I6 I9 bulk withdrawal by age, after time has passed', async () => {
    // Views depend on the clock (quota windows, insight weeks): compare at the same instant.
    const start = t.clock.now();
    t.clock.set(start + 3 * DAY);
    const ada = await t.signUp('Ada Lovelace');
    const before = await viewOf(ctxFor(bob, ada));
    t.clock.set(start);
    const shown = stream.events.length;
    const id = await send(ada, bob, 'Old note');
    await streamShows(shown, 1);
    const during = await viewOf(ctxFor(bob, ada, [id]));
    t.clock.set(start + 3 * DAY);
    const mark = stream.events.length;
    expect(
      (await t.api('POST', '/invitations/withdraw', ada, { olderThanDays: 2 })).json().withdrawn,
    ).toEqual([id]);
    await streamShows(mark, 2);
    figures.scenarios += 1;
    const after = await viewOf(ctxFor(bob, ada, [id, 'Old note']));
    expectSameView(after, before);
    assertSilentStream(stream.events, mark, during);
  });

  it('I9 C3 auto-withdraw by the sweep, and expiry before and after the sweep records it', async () => {
    const start = t.clock.now();
    const ttl = t.deps.config.invitationTtlDays * DAY;
    const ada = await t.signUp('Ada Lovelace');
    const cy = await t.signUp('Cy Auto');
    await t.api('PATCH', '/settings', cy, { autoWithdrawAfterDays: 2 });
    for (const at of [start + 3 * DAY, start + ttl + DAY]) {
      t.clock.set(at);
      // Bob's own old invitations expire too, and read the same before and after the sweep.
      const before = await viewOf(ctxFor(bob, ada));
      t.clock.set(start);
      const shown = notificationsShown();
      const expiring = await send(ada, bob, 'Expiring note');
      const auto = await send(cy, bob, 'Auto note');
      await stream.waitFor(() => notificationsShown() >= shown + 2);
      await stream.settle();
      const during = await viewOf(ctxFor(bob, ada, [expiring, auto]));
      const mark = stream.events.length;
      t.clock.set(at);
      // Lists never show an invitation past its TTL, even before the sweep has recorded it.
      if (at > start + ttl) {
        figures.scenarios += 1;
        const unswept = await viewOf(ctxFor(bob, ada, [expiring, 'Expiring note']));
        expectSameView(unswept, before);
      }
      await runSweep(t.deps);
      // Each invitation that ends leaves Bob's tab and his notifications: two removals each.
      await streamShows(mark, at > start + ttl ? 4 : 2);
      figures.scenarios += 1;
      const after = await viewOf(ctxFor(bob, ada, [expiring, auto, 'Expiring note', 'Auto note']));
      if (at > start + ttl) {
        expectSameView(after, before);
      } else {
        // Ada's invitation is still pending after three days; Cy's is gone without a trace.
        expect(JSON.stringify(after)).toContain(expiring);
        expectNoTrace('what Bob can read after auto-withdraw', after, [auto, 'Auto note']);
        await t.api('POST', `/invitations/${expiring}/withdraw`, ada);
      }
      assertSilentStream(stream.events, mark, during);
      t.clock.set(start);
    }
  });
});

describe('I8 N1 ignore: the sender sees nothing change', () => {
  it('I8 M1 M2 ignore, bulk ignore, "I don’t know this person" and a report leave the sender’s every surface as it was, and their stream silent', async () => {
    const ada = await t.signUp('Ada Lovelace');
    const adaStream = await openLiveStream(baseUrl, { token: ada.token });
    try {
      for (const how of ['one', 'bulk', 'dont-know', 'report'] as const) {
        figures.scenarios += 1;
        // After "I don't know this person", Ada needs Bob's email to invite him again.
        const sent = await t.api('POST', '/invitations', ada, {
          recipientId: bob.id,
          message: 'Please connect',
          recipientEmail: bob.email,
        });
        const id = sent.json().invitation.id as string;
        const before = await viewOf(ctxFor(ada, bob, []));
        const mark = adaStream.events.length;
        const res =
          how === 'one'
            ? await t.api('POST', `/invitations/${id}/ignore`, bob)
            : how === 'bulk'
              ? await t.api('POST', '/invitations/ignore', bob, { ids: [id] })
              : how === 'dont-know'
                ? await t.api('POST', `/invitations/${id}/dont-know`, bob)
                : await t.api('POST', '/reports', bob, { invitationId: id, reason: 'spam' });
        expect(res.statusCode).toBe({ one: 204, bulk: 200, 'dont-know': 204, report: 201 }[how]);
        await adaStream.settle();
        expectSameView(await viewOf(ctxFor(ada, bob, [])), before);
        expect(adaStream.events.slice(mark)).toEqual([]);
        await t.api('POST', `/invitations/${id}/withdraw`, ada);
      }
    } finally {
      await adaStream.close();
    }
  });
});

describe('M2 N1 a reported invitation, then withdrawn: the recipient is left no trace', () => {
  it('M2 Bob reports Ada’s invitation, Ada withdraws it: Bob sees what he saw before it was sent', async () => {
    figures.scenarios += 1;
    const ada = await t.signUp('Ada Lovelace');
    const before = await viewOf(ctxFor(bob, ada));
    const shown = stream.events.length;
    const invitationId = await send(ada, bob, 'A note only Bob would know');
    const traces = [invitationId, 'A note only Bob would know'];
    await streamShows(shown, 1);
    const during = await viewOf(ctxFor(bob, ada, traces));
    const mark = stream.events.length;
    const report = await t.api('POST', '/reports', bob, {
      invitationId,
      reason: 'harassment',
      comment: 'A comment only moderators read',
    });
    expect(report.statusCode).toBe(201);
    await streamShows(mark, 2);
    expect((await t.api('POST', `/invitations/${invitationId}/withdraw`, ada)).statusCode).toBe(204);
    await stream.settle();
    const after = await viewOf(
      ctxFor(bob, ada, [...traces, report.json().id, 'A comment only moderators read']),
    );
    expectSameView(after, before);
    expectNoTrace('what Bob can read', after, [
      ...traces,
      report.json().id,
      'A comment only moderators read',
    ]);
    assertSilentStream(stream.events, mark, during);
  });
});

describe('C1 N1 remove connection: silent to the other member', () => {
  it('C1 removed by the one who sent the invitation: the other sees what they saw before it', async () => {
    figures.scenarios += 1;
    const ada = await t.signUp('Ada Lovelace');
    const before = await viewOf(ctxFor(bob, ada));
    const id = await send(ada, bob);
    await t.api('POST', `/invitations/${id}/accept`, bob);
    await stream.settle();
    const during = await viewOf(ctxFor(bob, ada));
    const mark = stream.events.length;
    expect((await t.api('DELETE', `/connections/${bob.id}`, ada)).statusCode).toBe(204);
    await stream.settle();
    expectSameView(await viewOf(ctxFor(bob, ada)), before);
    expect(stream.events.slice(mark)).toEqual([]);
    assertSilentStream(stream.events, mark, during);
  });

  it('C1 removed by the one who accepted: only the connection is gone from the sender’s view', async () => {
    figures.scenarios += 1;
    const ada = await t.signUp('Ada Lovelace');
    const id = await send(bob, ada);
    await t.api('POST', `/invitations/${id}/accept`, ada);
    await stream.waitFor((e) => e.some((x) => x.event === 'notification'));
    const before = await viewOf(ctxFor(bob, ada));
    const mark = stream.events.length;
    expect((await t.api('DELETE', `/connections/${bob.id}`, ada)).statusCode).toBe(204);
    await stream.settle();
    const after = await viewOf(ctxFor(bob, ada));
    const changed = ['GET /api/v1/connections', 'GET /api/v1/network/summary', 'GET /api/v1/members/:id'];
    expectSameView(after, before, changed);
    // Bob's notifications and unread count are untouched: no "removed you", not even a change.
    const connections = before['GET /api/v1/connections'] as {
      items: { member: { id: string } }[];
      total: number;
    };
    expect(after['GET /api/v1/connections']).toEqual({
      ...connections,
      items: connections.items.filter((c) => c.member.id !== '<member>'),
      total: connections.total - 1,
    });
    const summary = before['GET /api/v1/network/summary'] as { body: { connections: number } };
    expect(after['GET /api/v1/network/summary']).toEqual({
      ...summary,
      body: { ...summary.body, connections: summary.body.connections - 1 },
    });
    expect(after['GET /api/v1/members/:id']).toMatchObject({
      actor: { status: 200, body: { relationship: 'none', invitationId: null, connectionCount: 0 } },
    });
    expect(stream.events.slice(mark)).toEqual([]);
  });
});

describe('C2 N1 block: the blocked member sees what they would if the blocker had never been', () => {
  it('C2 with an invitation from the blocker pending, and with a connection', async () => {
    for (const kind of ['pending', 'connected'] as const) {
      figures.scenarios += 1;
      const ada = await t.signUp(kind === 'pending' ? 'Ada Lovelace' : 'Ada King');
      const before = await viewOf(ctxFor(bob, ada));
      const shown = stream.events.length;
      const id = await send(ada, bob, 'Blocked note');
      // Accepting takes the invitation and its notification off Bob's page: two removals.
      if (kind === 'connected') await t.api('POST', `/invitations/${id}/accept`, bob);
      await streamShows(shown, kind === 'connected' ? 3 : 1);
      const during = await viewOf(ctxFor(bob, ada, [id]));
      const mark = stream.events.length;
      expect((await t.api('POST', '/blocks', ada, { memberId: bob.id })).statusCode).toBe(204);
      await streamShows(mark, kind === 'pending' ? 2 : 0);
      const after = await viewOf(ctxFor(bob, ada, [id, 'Blocked note']));
      expectSameView(after, asIfGone(before, ada.name));
      expectNoTrace('what Bob can read', after, [ada.id, ada.name, id, 'Blocked note']);
      assertSilentStream(stream.events, mark, during);
      // Inviting the blocker reads exactly like inviting nobody (I2).
      const toAda = await t.api('POST', '/invitations', bob, { recipientId: ada.id });
      const toNobody = await t.api('POST', '/invitations', bob, { recipientId: NOBODY });
      expect(toAda.statusCode).toBe(404);
      expect(toAda.body.replaceAll(ada.id, NOBODY)).toBe(toNobody.body);
    }
  });

  it('C2 with the blocked member’s own invitation pending: it reads expired in their history, nothing else shows', async () => {
    figures.scenarios += 1;
    const ada = await t.signUp('Ada Lovelace');
    const before = await viewOf(ctxFor(bob, ada));
    const id = await send(bob, ada, 'My note to Ada');
    const mark = stream.events.length;
    expect((await t.api('POST', '/blocks', ada, { memberId: bob.id })).statusCode).toBe(204);
    await stream.settle();
    const after = await viewOf(ctxFor(bob, ada, [id]));
    const own = [
      'GET /api/v1/invitations/history',
      'GET /api/v1/invitations/insights',
      'GET /api/v1/invitations/quota',
    ];
    expectSameView(after, asIfGone(before, ada.name), own);
    const history = after['GET /api/v1/invitations/history'] as {
      json: { items: { id: string; outcome: string }[] };
    };
    expect(history.json.items.find((h) => h.id === id)).toMatchObject({ outcome: 'expired' });
    expectNoTrace('what Bob can read outside his own history', after, [ada.id, ada.name, id], own);
    expect(stream.events.slice(mark)).toEqual([]);
  });
});

describe('A4 N1 account deletion: the others see what they saw before the member existed', () => {
  it('A4 connections, invitations both ways, notifications and blocks all go, with no notification', async () => {
    figures.scenarios += 1;
    const before = await viewOf(ctxFor(bob, null));
    const ada = await t.signUp('Ada Lovelace');
    const fromAda = await send(ada, bob, 'From Ada');
    await t.api('POST', `/invitations/${fromAda}/accept`, bob);
    const ada2 = await t.api('POST', '/invitations', ada, { recipientId: carol.id });
    expect(ada2.statusCode).toBe(201);
    await t.api('POST', `/invitations/${ada2.json().invitation.id}/ignore`, carol);
    const toAda = await send(dave, ada);
    await t.api('POST', '/blocks', ada, { memberId: erin.id });
    await stream.settle();
    const during = await viewOf(ctxFor(bob, ada, [fromAda, toAda]));
    const mark = stream.events.length;

    const res = await t.api('DELETE', '/me', ada, { password: ada.password });
    expect(res.statusCode).toBe(204);
    await stream.settle();

    const after = await viewOf(ctxFor(bob, ada, [fromAda, toAda, 'From Ada']));
    expectSameView(after, before);
    expectNoTrace('what Bob can read', after, [ada.id, ada.name, fromAda, toAda, 'From Ada']);
    assertSilentStream(stream.events, mark, during);
    for (const other of [carol, dave, erin]) {
      const view = await viewOf(ctxFor(other, ada, [fromAda, toAda]));
      expectNoTrace(`what ${other.name} can read`, view, [ada.id, ada.name, fromAda, toAda]);
    }
  });
});

describe('N2 I5 the mailbox: a withdrawal within the grace period never reaches the mail server', () => {
  it('nothing about the invitation is ever sent — not the email, not a reminder — while mail to others flows', async () => {
    figures.scenarios += 1;
    const sink = await startSmtpSink();
    const transport = smtpTransport(sink.url);
    const worker = createMailWorker(t.deps, { transport, publicUrl: PUBLIC_URL });
    try {
      // What is already queued for Bob and the others in beforeEach goes first.
      t.clock.advance(GRACE);
      await worker.runOnce();
      const before = sink.messages.length;

      const ada = await t.signUp('Ada Lovelace');
      const id = await send(ada, bob, 'A note only Bob would know');
      t.clock.advance(GRACE - 60_000);
      expect((await t.api('POST', `/invitations/${id}/withdraw`, ada)).statusCode).toBe(204);
      // The marker: an invitation to someone else, queued after the withdrawal, due after Ada's.
      const marker = await t.signUp('Mark Marker');
      await send(carol, marker);
      t.clock.advance(GRACE);
      await worker.runOnce();
      await sink.waitFor(before + 1);
      expect(sink.to(marker.email)).toHaveLength(1);
      // Past every reminder's due time too.
      for (const days of [7, 21, 60]) {
        t.clock.set(t.clock.now() + days * DAY);
        await worker.runOnce();
      }
      const after = sink.messages.slice(before);
      const everything = after.map((m) => m.raw).join('\n');
      for (const trace of [ada.id, ada.name, id, 'A note only Bob would know']) {
        expect(everything, `the mail server received ${trace}`).not.toContain(trace);
      }
      // Bob still hears of Carol's invitation, which waits for his answer; of nothing else.
      const toBob = after.filter((m) => m.to.includes(bob.email)).map((m) => m.parsed.subject);
      expect(toBob.length).toBeGreaterThan(0);
      for (const subject of toBob) expect(subject).toContain('Carol Shaw');
    } finally {
      transport.close();
      await sink.close();
    }
  });
});
