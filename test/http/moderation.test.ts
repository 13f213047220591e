import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';
import { snapshotDatabase, snapshotDiff } from '../helpers/dbSnapshot.js';
import { fillPath, pathParams, registeredRoutes, routeKey } from '../helpers/routeTable.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitesPerDay: 1000, invitesPerWeek: 1000 } });
});
afterEach(() => t.close());

async function moderator(name = 'Mo Moderator'): Promise<TestMember> {
  const m = await t.signUp(name);
  await setModerator(t.deps, { email: m.email, moderator: true });
  return m;
}

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return res.json().invitation.id as string;
}

async function connect(a: TestMember, b: TestMember): Promise<void> {
  const id = await invite(a, b);
  expect((await t.api('POST', `/invitations/${id}/accept`, b)).statusCode).toBe(200);
}

const ids = (res: LightMyRequestResponse) =>
  (res.json().items as { id?: string; member?: { id: string } }[]).map((i) => i.member?.id ?? i.id);

/** Status, headers but the date, and body with the path written as <path>. */
function answer(res: LightMyRequestResponse, path: string): string {
  const headers = { ...res.headers };
  delete headers.date;
  return JSON.stringify([res.statusCode, headers, res.body.replaceAll(path, '<path>')]);
}

const adminRoutes = () => registeredRoutes(t.app).filter((r) => r.url.startsWith('/api/v1/admin'));

describe('M4 the admin API is hidden from everyone but moderators', () => {
  it('every /admin route answers a member, a stranger and a cross-site write exactly as a path that does not exist', async () => {
    const routes = adminRoutes();
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/reports',
        'POST /api/v1/admin/reports/:id/resolve',
        'GET /api/v1/admin/members/:id',
        'POST /api/v1/admin/members/:id/suspend',
        'POST /api/v1/admin/members/:id/unsuspend',
        'POST /api/v1/admin/members/:id/restrict',
        'GET /api/v1/admin/audit',
      ]),
    );
    const member = await t.signUp('Ada');
    const mo = await moderator();
    const before = await snapshotDatabase(t.deps.db);
    for (const route of routes) {
      const path = fillPath(route.url, Object.fromEntries(pathParams(route.url).map((p) => [p, member.id])));
      const missing = path.replace('/admin', '/admim');
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : { reason: 'x', days: 1 };
      const callers: [string, Record<string, string>][] = [
        ['nobody', {}],
        ['a member', { authorization: `Bearer ${member.token}` }],
        ['a wrong token', { authorization: 'Bearer nope' }],
        ['a member’s cookie', { cookie: `rapport_session=${member.token}` }],
        // A cross-site write is refused as a missing path, before any CSRF answer could tell.
        [
          'a cross-site write with a member’s cookie',
          { cookie: `rapport_session=${member.token}`, 'sec-fetch-site': 'cross-site' },
        ],
      ];
      for (const [who, headers] of callers) {
        const call = (url: string) =>
          t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
            ...(body ? { payload: JSON.stringify(body) } : {}),
          });
        const res = await call(path);
        expect(res.statusCode, `${routeKey(route)} as ${who}`).toBe(404);
        expect(answer(res, path), `${routeKey(route)} as ${who}`).toBe(answer(await call(missing), missing));
      }
    }
    // A body that would not even parse gets the same answer too: the gate comes first.
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/members/${member.id}/suspend`,
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(bad.statusCode).toBe(404);
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    // A moderator is let through.
    expect((await t.api('GET', '/admin/reports', mo)).statusCode).toBe(200);
    // And once revoked, the console is gone for them too.
    await setModerator(t.deps, { email: mo.email, moderator: false });
    expect((await t.api('GET', '/admin/reports', mo)).statusCode).toBe(404);
  });
});

describe('M4 reports queue', () => {
  it('shows the snapshot, reporter and reported, even after the sender withdraws; resolving closes it once', async () => {
    const mo = await moderator();
    const [ada, bob] = [await t.signUp('Ada'), await t.signUp('Bob')];
    const id = await invite(bob, ada, 'Buy my course');
    const filed = await t.api('POST', '/reports', ada, {
      invitationId: id,
      reason: 'spam',
      comment: 'again',
    });
    expect(filed.statusCode).toBe(201);
    await t.api('POST', `/invitations/${id}/withdraw`, bob);
    const queue = (await t.api('GET', '/admin/reports', mo)).json();
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({
      id: filed.json().id,
      reason: 'spam',
      comment: 'again',
      reporter: { id: ada.id, name: 'Ada' },
      reported: { id: bob.id, name: 'Bob' },
      invitation: { message: 'Buy my course' },
      status: 'open',
    });
    const reportId = filed.json().id as string;
    expect(
      (await t.api('POST', `/admin/reports/${reportId}/resolve`, mo, { action: 'dismiss', note: 'a joke' }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await t.api('POST', `/admin/reports/${reportId}/resolve`, mo, { action: 'dismiss' }),
      409,
      'report_not_open',
    );
    expect((await t.api('GET', '/admin/reports', mo)).json().total).toBe(0);
    const resolved = (await t.api('GET', '/admin/reports?status=resolved', mo)).json();
    expect(resolved.items[0]).toMatchObject({ id: reportId, status: 'resolved', resolution: 'dismiss' });
    const audit = (await t.api('GET', '/admin/audit', mo)).json();
    expect(audit.items[0]).toMatchObject({
      action: 'dismiss',
      moderator: { id: mo.id },
      target: { id: bob.id },
      reason: 'a joke',
      reportId,
    });
  });

  it('resolving with restrict restricts the reported sender for RAPPORT_RESTRICT_DAYS', async () => {
    const mo = await moderator();
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const id = await invite(bob, ada, 'hi');
    const reportId = (await t.api('POST', '/reports', ada, { invitationId: id, reason: 'fake' })).json().id;
    await t.api('POST', `/admin/reports/${reportId}/resolve`, mo, { action: 'restrict' });
    const body = expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: cy.id }),
      403,
      'sender_restricted',
    );
    const until = new Date(t.clock.now() + t.deps.config.restrictDays * DAY).toISOString();
    expect(body.detail).toContain(until);
    expect((await t.api('GET', `/admin/members/${bob.id}`, mo)).json().restrictedUntil).toBe(until);
  });
});

describe('M4 member page and actions', () => {
  it('shows standing over 30 days, and restrict N days needs the email of every recipient until then', async () => {
    const mo = await moderator();
    const [ada, bob, cy, dee] = [
      await t.signUp('Ada'),
      await t.signUp('Bob'),
      await t.signUp('Cy'),
      await t.signUp('Dee'),
    ];
    const toAda = await invite(bob, ada);
    await invite(bob, cy);
    await t.api('POST', `/invitations/${toAda}/dont-know`, ada);
    await connect(bob, dee);
    await t.api('POST', '/reports', cy, { memberId: bob.id, reason: 'harassment' });
    const page = (await t.api('GET', `/admin/members/${bob.id}`, mo)).json();
    expect(page).toMatchObject({
      member: { id: bob.id, name: 'Bob' },
      email: bob.email,
      standing: { sent30d: 3, accepted30d: 1, dontKnow30d: 1, reports30d: 1 },
      restrictedUntil: null,
      suspended: false,
      moderator: false,
    });
    // A send writes no standing row: "sent" is read from the invitations themselves.
    await invite(dee, cy);
    expect(
      await t.deps.db.selectFrom('standing_days').selectAll().where('member_id', '=', dee.id).execute(),
    ).toEqual([]);
    expect((await t.api('GET', `/admin/members/${dee.id}`, mo)).json().standing).toMatchObject({
      sent30d: 1,
    });
    // 31 days on, none of it counts any more.
    t.clock.advance(31 * DAY);
    expect((await t.api('GET', `/admin/members/${bob.id}`, mo)).json().standing).toMatchObject({
      sent30d: 0,
      accepted30d: 0,
      dontKnow30d: 0,
      reports30d: 0,
    });

    const eve = await t.signUp('Eve');
    expect(
      (await t.api('POST', `/admin/members/${bob.id}/restrict`, mo, { days: 3, reason: 'spam wave' }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: eve.id }),
      403,
      'sender_restricted',
    );
    expect(
      (await t.api('POST', '/invitations', bob, { recipientId: eve.id, recipientEmail: eve.email }))
        .statusCode,
    ).toBe(201);
    t.clock.advance(3 * DAY + 1);
    const fay = await t.signUp('Fay');
    expect((await t.api('POST', '/invitations', bob, { recipientId: fay.id })).statusCode).toBe(201);
    expectProblem(
      await t.api('POST', `/admin/members/${bob.id}/restrict`, mo, { days: 3, reason: ' ' }),
      400,
      'validation_failed',
    );
  });

  it('per-member sending limits replace the configuration’s, and null restores it', async () => {
    const mo = await moderator();
    const [bob, a, b] = [await t.signUp('Bob'), await t.signUp('A'), await t.signUp('B')];
    const res = await t.api('PUT', `/admin/members/${bob.id}/limits`, mo, {
      invitesPerDay: 1,
      invitesPerWeek: null,
      maxPendingSent: null,
      reason: 'new account sending fast',
    });
    expect(res.statusCode).toBe(204);
    expect((await t.api('GET', '/invitations/quota', bob)).json().day.limit).toBe(1);
    await invite(bob, a);
    expectProblem(
      await t.api('POST', '/invitations', bob, { recipientId: b.id }),
      429,
      'invitation_limit_reached',
    );
    await t.api('PUT', `/admin/members/${bob.id}/limits`, mo, {
      invitesPerDay: null,
      invitesPerWeek: null,
      maxPendingSent: null,
      reason: 'calmer now',
    });
    expect((await t.api('POST', '/invitations', bob, { recipientId: b.id })).statusCode).toBe(201);
    const audit = (await t.api('GET', '/admin/audit', mo))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['set_limits', 'set_limits', 'grant']);
  });
});

describe('M4 suspension', () => {
  it('ends sessions, refuses login, makes pending invitations vanish both ways, hides the member as if deleted; lifting brings the connections back as they were', async () => {
    const mo = await moderator();
    const [sam, ada, bob, cy] = [
      await t.signUp('Sam Suspect'),
      await t.signUp('Ada'),
      await t.signUp('Bob'),
      await t.signUp('Cy'),
    ];
    await connect(sam, ada);
    await connect(ada, bob);
    await connect(sam, bob);
    const samToCy = await invite(sam, cy, 'from sam');
    const cyToSam = await t.signUp('Dee').then(async (dee) => ({ dee, id: await invite(dee, sam) }));
    const connectionsBefore = (await t.api('GET', '/connections', ada)).json();
    const mutualBefore = (await t.api('GET', `/members/${bob.id}`, ada)).json().mutualConnections;
    expect(mutualBefore).toBe(1);
    const rowsBefore = await t.deps.db.selectFrom('invitations').select(['id', 'status']).execute();

    const res = await t.api('POST', `/admin/members/${sam.id}/suspend`, mo, { reason: 'spam ring' });
    expect(res.statusCode).toBe(204);

    // Sessions end; login says why (only to someone who knows the password).
    expectProblem(await t.api('GET', '/me', sam), 401, 'unauthorized');
    expectProblem(
      await t.api('POST', '/auth/login', null, { email: sam.email, password: sam.password }),
      403,
      'account_suspended',
    );
    expectProblem(
      await t.api('POST', '/auth/login', null, { email: sam.email, password: 'wrong password!' }),
      401,
      'invalid_credentials',
    );
    // Pending invitations both ways vanish, silently.
    expect(ids(await t.api('GET', '/invitations/received', cy))).toEqual([]);
    expect(ids(await t.api('GET', '/invitations/sent', cyToSam.dee))).toEqual([]);
    expect((await t.api('GET', '/network/summary', cy)).json().invitationsReceived).toBe(0);
    expect((await t.api('GET', '/notifications', cy)).json().items).toEqual([]);
    // To everyone else Sam reads as deleted.
    expectProblem(await t.api('GET', `/members/${sam.id}`, ada), 404, 'not_found');
    expectProblem(await t.api('GET', `/members/${sam.id}/mutual`, ada), 404, 'not_found');
    expect((await t.api('GET', '/members?query=sam', ada)).json().total).toBe(0);
    expect(ids(await t.api('GET', '/connections', ada))).toEqual([bob.id]);
    expect((await t.api('GET', '/network/summary', ada)).json().connections).toBe(1);
    expect((await t.api('GET', `/members/${ada.id}`, bob)).json()).toMatchObject({
      connectionCount: 1,
      mutualConnections: 0,
    });
    expectProblem(await t.api('POST', '/blocks', ada, { memberId: sam.id }), 404, 'not_found');
    expectProblem(await t.api('POST', '/invitations', cy, { recipientId: sam.id }), 404, 'not_found');
    expectProblem(await t.api('DELETE', `/connections/${sam.id}`, ada), 404, 'not_found');
    // Sam's notification that he accepted Ada's invitation… is Ada's: it hides too.
    const adaNotes = (await t.api('GET', '/notifications', ada)).json().items as { actor: { id: string } }[];
    expect(adaNotes.map((n) => n.actor?.id)).not.toContain(sam.id);
    // Nothing is deleted: every invitation row is still there (the pending ones ended).
    const rowsDuring = await t.deps.db.selectFrom('invitations').select(['id', 'status']).execute();
    expect(rowsDuring.map((r) => r.id).sort()).toEqual(rowsBefore.map((r) => r.id).sort());
    expect(rowsDuring.find((r) => r.id === samToCy)?.status).toBe('withdrawn');
    expect(rowsDuring.find((r) => r.id === cyToSam.id)?.status).toBe('expired');
    // Suspended twice: no change, no second log row.
    await t.api('POST', `/admin/members/${sam.id}/suspend`, mo, { reason: 'again' });
    expect((await t.api('GET', `/admin/members/${sam.id}`, mo)).json()).toMatchObject({ suspended: true });

    t.clock.advance(DAY);
    expect(
      (await t.api('POST', `/admin/members/${sam.id}/unsuspend`, mo, { reason: 'appeal upheld' })).statusCode,
    ).toBe(204);
    expect((await t.api('GET', '/connections', ada)).json()).toEqual(connectionsBefore);
    expect((await t.api('GET', `/members/${bob.id}`, ada)).json().mutualConnections).toBe(1);
    expect((await t.api('GET', `/members/${sam.id}`, ada)).json()).toMatchObject({
      relationship: 'connected',
      connectionCount: 2,
    });
    expect((await t.api('GET', '/members?query=sam', ada)).json().total).toBe(1);
    const login = await t.api('POST', '/auth/login', null, { email: sam.email, password: sam.password });
    expect(login.statusCode).toBe(200);
    // The invitations that ended stay ended: lifting restores connections, not pending invitations.
    expect(ids(await t.api('GET', '/invitations/received', cy))).toEqual([]);
    const actions = (await t.api('GET', '/admin/audit', mo))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['unsuspend', 'suspend', 'grant']);
  });

  it('a moderator cannot suspend themselves or another moderator until the operator revokes', async () => {
    const [mo, other] = [await moderator('Mo'), await moderator('Other Mo')];
    const before = await snapshotDatabase(t.deps.db);
    expectProblem(
      await t.api('POST', `/admin/members/${mo.id}/suspend`, mo, { reason: 'x' }),
      409,
      'cannot_suspend_moderator',
    );
    expectProblem(
      await t.api('POST', `/admin/members/${other.id}/suspend`, mo, { reason: 'x' }),
      409,
      'cannot_suspend_moderator',
    );
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    await setModerator(t.deps, { email: other.email, moderator: false });
    expect((await t.api('POST', `/admin/members/${other.id}/suspend`, mo, { reason: 'x' })).statusCode).toBe(
      204,
    );
  });
});

describe('M4 audit log', () => {
  it('names who acted in every row, as the Member api.md describes: a moderator, the operator on the command line, or Rapport itself', async () => {
    await t.close();
    t = await createTestApp({ config: { restrictAfterDontKnow: 1 } });
    const mo = await t.signUp('Mo Moderator');
    await setModerator(t.deps, { email: mo.email, moderator: true, operator: 'alice' });
    const [sam, ada] = [await t.signUp('Sam'), await t.signUp('Ada')];
    const sent = await t.api('POST', '/invitations', sam, { recipientId: ada.id });
    expect((await t.api('POST', `/invitations/${sent.json().invitation.id}/dont-know`, ada)).statusCode).toBe(
      204,
    );
    await t.api('POST', `/admin/members/${ada.id}/restrict`, mo, { days: 1, reason: 'test' });

    const who = (e: { actor: string; moderator: unknown; action: string }) => [
      e.action,
      e.actor,
      e.moderator,
    ];
    const expected = [
      ['restrict', 'moderator', { id: mo.id, name: 'Mo Moderator', headline: "Mo Moderator's headline" }],
      [
        'auto_restrict',
        'system',
        { id: 'system', name: 'Rapport (automatic)', headline: 'Automatic restriction' },
      ],
      [
        'grant',
        'operator',
        { id: 'operator', name: 'Operator alice (command line)', headline: 'rapport admin' },
      ],
    ];
    expect((await t.api('GET', '/admin/audit', mo)).json().items.map(who)).toEqual(expected);
    expect((await t.api('GET', '/admin/audit/export?format=json', mo)).json().map(who)).toEqual(expected);
    const rows = (await t.api('GET', '/admin/audit?format=csv', mo)).body
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.map((r) => [r[4], r[9], r[2], r[3]])).toEqual(
      expected.map(([action, actor, m]) => [
        action,
        actor,
        (m as { id: string }).id,
        (m as { name: string }).name,
      ]),
    );
  });

  it('reads newest first, exports as JSON and CSV, and the database refuses to change or delete a row', async () => {
    const mo = await moderator();
    const bob = await t.signUp('Bob');
    await t.api('POST', `/admin/members/${bob.id}/restrict`, mo, { days: 2, reason: '=HYPERLINK("x")' });
    const page = (await t.api('GET', '/admin/audit?limit=1', mo)).json();
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ action: 'restrict', reason: '=HYPERLINK("x")' });
    const next = (await t.api('GET', `/admin/audit?limit=1&cursor=${page.nextCursor}`, mo)).json();
    expect(next.items[0]).toMatchObject({
      action: 'grant',
      actor: 'operator',
      moderator: { id: 'operator', name: 'Operator (command line)', headline: 'rapport admin' },
      target: { id: mo.id },
    });

    const csv = await t.api('GET', '/admin/audit?format=csv', mo);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      'id,at,moderator_id,moderator_name,action,target_id,target_name,reason,report_id,actor',
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines).toHaveLength(4);
    const json = await t.api('GET', '/admin/audit/export?format=json', mo);
    expect(json.headers['content-disposition']).toContain('attachment');
    expect((JSON.parse(json.body) as { action: string }[]).map((e) => e.action)).toEqual([
      'restrict',
      'grant',
    ]);

    const id = page.items[0].id as string;
    await expect(
      sql`update audit_log set reason = 'nothing happened' where id = ${id}`.execute(t.deps.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${id}`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    expect((await t.api('GET', '/admin/audit', mo)).json().total).toBe(2);
  });
});

describe('M4 least privilege', () => {
  it('no admin route shows a member’s invitation except as a report’s snapshot', async () => {
    const mo = await moderator();
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const secret = await invite(bob, cy, 'UNREPORTED-NOTE');
    const reported = await invite(bob, ada, 'REPORTED-NOTE');
    const reportId = (await t.api('POST', '/reports', ada, { invitationId: reported, reason: 'spam' })).json()
      .id;
    const seen: string[] = [];
    for (const route of adminRoutes().filter((r) => r.method === 'GET')) {
      for (const memberId of [ada.id, bob.id, cy.id]) {
        const path = fillPath(route.url, { id: memberId });
        const query = route.url.endsWith('/admin/members')
          ? '?query=b'
          : route.url.endsWith('/export')
            ? '?format=json'
            : '';
        for (const format of ['', route.url.endsWith('/audit') ? '?format=csv' : '']) {
          const res = await t.api('GET', `${path}${query || format}`, mo);
          expect(res.statusCode, `${routeKey(route)}`).toBe(200);
          expect(res.body, routeKey(route)).not.toContain('UNREPORTED-NOTE');
          expect(res.body, routeKey(route)).not.toContain(secret);
          // Not even the reported invitation's id: only its copy.
          expect(res.body, routeKey(route)).not.toContain(reported);
          if (res.body.includes('REPORTED-NOTE')) seen.push(routeKey(route));
        }
      }
    }
    expect([...new Set(seen)]).toEqual(['GET /api/v1/admin/reports']);
    expect(reportId).toBeTruthy();
  });
});
