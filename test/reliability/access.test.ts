import { setModerator } from '../../src/commands/setModerator.js';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestApp, type TestMember } from '../helpers/app.js';
import { snapshotDatabase, snapshotDiff } from '../helpers/dbSnapshot.js';
import {
  fillPath,
  pathParams,
  registeredRoutes,
  routeKey,
  type RegisteredRoute,
} from '../helpers/routeTable.js';

/**
 * Access control matrix (I5, I8, C1, C2, N1): every endpoint that takes an id — in its path or
 * its body — is called by Ada with other members' ids (their invitations, their connections,
 * their blocks, their notifications) and without auth. The answer is 404 (or, for the bulk
 * actions, "skipped"), nothing changes in any table, and nothing is revealed: the answer for
 * someone else's existing id is the answer for an id that never existed, once the id itself is
 * written alike.
 *
 * The endpoints are read from the route table and the OpenAPI document: one that takes an id
 * and has no row in MATRIX fails the first test until someone decides who may use it.
 */

interface Scene {
  t: TestApp;
  ada: TestMember;
  bob: TestMember;
  carol: TestMember;
  dave: TestMember;
  erin: TestMember;
  /** Bob → Dave, pending: Ada is neither side. Carol blocked Erin; Erin blocked Ada. */
  bobToDave: string;
  /** Carol → Ada, pending: Ada may accept or ignore it, not withdraw it. */
  carolToAda: string;
  /** Ada → Dave, pending: Ada may withdraw it, not accept or ignore it. */
  adaToDave: string;
  /** Suspended by a moderator (M4): to everyone else she reads as deleted. */
  fay: TestMember;
  /** Bob → Carol, accepted: they are connected. */
  bobToCarol: string;
  /** Dave → Carol, withdrawn. */
  daveToCarol: string;
  bobNotifications: string[];
}

/** An id of the same shape as `id` that nobody has. */
function neverIssued(id: string): string {
  const last = id.at(-1) === '0' ? '1' : '0';
  return `${id.slice(0, -1)}${last}`.replace(/^(.{9})./, '$1f');
}

interface Probe {
  /** What the id is, for messages. */
  what: string;
  id: string;
}

/**
 * How each id-taking endpoint must treat ids that are not Ada's to use. `path` endpoints get the
 * id in their path; `body` ones build their body from it. `expect` is 404, or the bulk answer.
 */
interface Row {
  place: 'path' | 'body';
  body?: (id: string) => unknown;
  probes: (s: Scene) => Probe[];
  expect: 404 | 'skipped' | 'ignored-204' | 'harmless-204';
}

const foreignInvitations = (s: Scene): Probe[] => [
  { what: 'an invitation between two others', id: s.bobToDave },
  { what: 'an accepted invitation between two others', id: s.bobToCarol },
  { what: 'a withdrawn invitation between two others', id: s.daveToCarol },
];

const MATRIX: Record<string, Row> = {
  'POST /api/v1/invitations/:id/withdraw': {
    place: 'path',
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada received', id: s.carolToAda }],
    expect: 404,
  },
  'POST /api/v1/invitations/:id/accept': {
    place: 'path',
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 404,
  },
  'POST /api/v1/invitations/:id/ignore': {
    place: 'path',
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 404,
  },
  'POST /api/v1/invitations/withdraw': {
    place: 'body',
    body: (id) => ({ ids: [id] }),
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada received', id: s.carolToAda }],
    expect: 'skipped',
  },
  'POST /api/v1/invitations/accept': {
    place: 'body',
    body: (id) => ({ ids: [id] }),
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 'skipped',
  },
  'POST /api/v1/invitations/ignore': {
    place: 'body',
    body: (id) => ({ ids: [id] }),
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 'skipped',
  },
  'POST /api/v1/invitations/:id/dont-know': {
    place: 'path',
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 404,
  },
  'POST /api/v1/invitations/dont-know': {
    place: 'body',
    body: (id) => ({ ids: [id] }),
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 'skipped',
  },
  // Only a received pending invitation may be reported (a member report is checked below).
  'POST /api/v1/reports': {
    place: 'body',
    body: (id) => ({ invitationId: id, reason: 'spam' }),
    probes: (s) => [...foreignInvitations(s), { what: 'an invitation Ada sent', id: s.adaToDave }],
    expect: 404,
  },
  'DELETE /api/v1/connections/:memberId': {
    place: 'path',
    probes: (s) => [
      { what: 'a member connected to others, not to Ada', id: s.bob.id },
      { what: 'a member with a pending invitation to Ada', id: s.carol.id },
      { what: 'Ada herself', id: s.ada.id },
    ],
    expect: 404,
  },
  'DELETE /api/v1/blocks/:memberId': {
    place: 'path',
    probes: (s) => [
      { what: 'a member someone else blocked, who blocked Ada', id: s.erin.id },
      { what: 'a member nobody blocked', id: s.bob.id },
      { what: 'Ada herself', id: s.ada.id },
    ],
    expect: 404,
  },
  'POST /api/v1/notifications/read': {
    place: 'body',
    body: (id) => ({ ids: [id] }),
    probes: (s) => s.bobNotifications.map((id) => ({ what: 'a notification of Bob’s', id })),
    expect: 'ignored-204',
  },
  // Blocking someone who already blocked you is harmless, and must not tell them apart.
  'POST /api/v1/blocks': {
    place: 'body',
    body: (id) => ({ memberId: id }),
    probes: (s) => [{ what: 'a member who blocked Ada', id: s.erin.id }],
    expect: 'harmless-204',
  },
  // Profiles and invitations aim at members, whom anyone may find; a block either way reads as
  // "no such member" (privacy.test.ts and the checks below).
  'GET /api/v1/members/:id': {
    place: 'path',
    probes: (s) => [
      { what: 'a member who blocked Ada', id: s.erin.id },
      { what: 'a suspended member', id: s.fay.id },
    ],
    expect: 404,
  },
  // Mutual connections and "Not interested" aim at members like the profile does.
  'GET /api/v1/members/:id/mutual': {
    place: 'path',
    probes: (s) => [
      { what: 'a member who blocked Ada', id: s.erin.id },
      { what: 'a suspended member', id: s.fay.id },
    ],
    expect: 404,
  },
  'POST /api/v1/network/suggestions/:memberId/dismiss': {
    place: 'path',
    probes: (s) => [
      { what: 'a member who blocked Ada', id: s.erin.id },
      { what: 'Ada herself', id: s.ada.id },
    ],
    expect: 404,
  },
  'POST /api/v1/invitations': {
    place: 'body',
    body: (id) => ({ recipientId: id }),
    probes: (s) => [
      { what: 'a member who blocked Ada', id: s.erin.id },
      { what: 'a suspended member', id: s.fay.id },
    ],
    expect: 404,
  },
  // M4: Ada is no moderator, so every /admin path is one that does not exist, for any id.
  ...Object.fromEntries(
    [
      'POST /api/v1/admin/reports/:id/resolve',
      'GET /api/v1/admin/members/:id',
      'POST /api/v1/admin/members/:id/suspend',
      'POST /api/v1/admin/members/:id/unsuspend',
      'POST /api/v1/admin/members/:id/restrict',
      'PUT /api/v1/admin/members/:id/limits',
    ].map((key): [string, Row] => [
      key,
      {
        place: 'path',
        probes: (s) => [
          { what: 'another member', id: s.bob.id },
          { what: 'Ada herself', id: s.ada.id },
          { what: 'an invitation', id: s.bobToDave },
        ],
        expect: 404,
      },
    ]),
  ),
};

async function ok(res: LightMyRequestResponse, what: string): Promise<LightMyRequestResponse> {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res;
}

async function buildScene(t: TestApp): Promise<Scene> {
  const [ada, bob, carol, dave, erin] = [
    await t.signUp('Ada Lovelace'),
    await t.signUp('Bob Babbage'),
    await t.signUp('Carol Shaw'),
    await t.signUp('Dave Cutler'),
    await t.signUp('Erin Catto'),
  ];
  const send = async (from: TestMember, to: TestMember) =>
    (
      await ok(await t.api('POST', '/invitations', from, { recipientId: to.id, message: 'hi' }), 'send')
    ).json().invitation.id as string;
  const bobToCarol = await send(bob, carol);
  await ok(await t.api('POST', `/invitations/${bobToCarol}/accept`, carol), 'accept');
  const daveToCarol = await send(dave, carol);
  await ok(await t.api('POST', `/invitations/${daveToCarol}/withdraw`, dave), 'withdraw');
  const bobToDave = await send(bob, dave);
  const carolToAda = await send(carol, ada);
  const adaToDave = await send(ada, dave);
  await ok(await t.api('POST', '/blocks', carol, { memberId: erin.id }), 'carol blocks erin');
  await ok(await t.api('POST', '/blocks', erin, { memberId: ada.id }), 'erin blocks ada');
  const [fay, mo] = [await t.signUp('Fay Suspended'), await t.signUp('Mo Moderator')];
  await setModerator(t.deps, { email: mo.email, moderator: true });
  await ok(await t.api('POST', `/admin/members/${fay.id}/suspend`, mo, { reason: 'spam' }), 'suspend fay');
  const notes = (await t.api('GET', '/notifications', bob)).json() as { items: { id: string }[] };
  return {
    t,
    ada,
    bob,
    carol,
    dave,
    erin,
    fay,
    bobToDave,
    carolToAda,
    adaToDave,
    bobToCarol,
    daveToCarol,
    bobNotifications: notes.items.map((n) => n.id),
  };
}

const figures = { calls: 0, notFound: 0, unauthorized: 0, changed: 0, revealed: 0 };

afterAll(() => {
  console.info(
    `[issue-6 figures] access (${testDialect}): ${figures.calls} calls — ${figures.notFound} refused as not found, ` +
      `${figures.unauthorized} as unauthorized; ${figures.changed} changed a row, ${figures.revealed} revealed more than a missing id`,
  );
});

let t: TestApp;
let s: Scene;
let routes: RegisteredRoute[];
let openapi: {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
};

beforeEach(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  routes = registeredRoutes(t.app);
  openapi = (await t.api('GET', '/api/v1/openapi.json', null)).json();
});
afterEach(() => t.close());

/** Whether an operation's body names an id: a property called …Id or …Ids, at any depth. */
function bodyTakesId(route: RegisteredRoute): boolean {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const schema =
    openapi.paths[path]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  return /"[A-Za-z]*(Id|Ids|ids)"\s*:/.test(JSON.stringify(schema ?? {}));
}

function idTaking(): RegisteredRoute[] {
  return routes.filter(
    (r) =>
      r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && (pathParams(r.url).length > 0 || bodyTakesId(r)),
  );
}

async function call(
  route: RegisteredRoute,
  row: Row,
  id: string,
  as: TestMember | null,
): Promise<LightMyRequestResponse> {
  figures.calls += 1;
  const url =
    row.place === 'path'
      ? fillPath(route.url, Object.fromEntries(pathParams(route.url).map((p) => [p, encodeURIComponent(id)])))
      : route.url;
  return t.api(route.method, url, as, row.place === 'body' ? row.body?.(id) : undefined);
}

describe('access control matrix', () => {
  it('every endpoint that takes an id has a row in the matrix, and every row is an endpoint', () => {
    const keys = idTaking().map(routeKey);
    expect(
      keys.filter((k) => !(k in MATRIX)),
      'id-taking endpoints without a MATRIX row',
    ).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('I5 I8 C1 C2 N1 another member’s ids: refused or skipped, nothing changes, nothing told apart from a missing id', async () => {
    for (const route of idTaking()) {
      const row = MATRIX[routeKey(route)] as Row;
      for (const probe of row.probes(s)) {
        const where = `${routeKey(route)} with ${probe.what}`;
        if (row.expect === 'harmless-204') {
          // Blocking a member who blocked you answers exactly as blocking anyone else.
          const res = await call(route, row, probe.id, s.ada);
          const fresh = await t.signUp(`Someone ${figures.calls}`);
          const control = await call(route, row, fresh.id, s.ada);
          expect(`${res.statusCode} ${res.body}`, where).toBe(`${control.statusCode} ${control.body}`);
          expect(res.statusCode, where).toBe(204);
          continue;
        }
        const missing = neverIssued(probe.id);
        const before = await snapshotDatabase(t.deps.db);
        const res = await call(route, row, probe.id, s.ada);
        const diff = snapshotDiff(before, await snapshotDatabase(t.deps.db));
        if (diff.length) figures.changed += 1;
        expect(diff, `${where} changed rows`).toEqual([]);
        const control = await call(route, row, missing, s.ada);
        expect(
          snapshotDiff(before, await snapshotDatabase(t.deps.db)),
          `${where} (missing id) changed rows`,
        ).toEqual([]);

        if (row.expect === 404) {
          figures.notFound += 1;
          expect(res.statusCode, `${where}: ${res.body}`).toBe(404);
          expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
        } else if (row.expect === 'skipped') {
          expect(res.statusCode, where).toBe(200);
          expect(Object.values(res.json() as Record<string, string[]>)).toEqual([[], [probe.id]]);
        } else {
          expect(res.statusCode, `${where}: ${res.body}`).toBe(204);
        }
        // Told apart from an id nobody ever had? Only by the id itself.
        const answer = `${res.statusCode} ${res.body.replaceAll(probe.id, '<id>')}`;
        const missingAnswer = `${control.statusCode} ${control.body.replaceAll(missing, '<id>')}`;
        if (answer !== missingAnswer) figures.revealed += 1;
        expect(answer, `${where} vs a missing id`).toBe(missingAnswer);
      }
    }
  });

  it('I5 C1 C2 N1 Bob’s own resources are still his: after Ada’s attempts he can act on every one of them', async () => {
    for (const route of idTaking()) {
      const row = MATRIX[routeKey(route)] as Row;
      for (const probe of row.probes(s)) await call(route, row, probe.id, s.ada);
    }
    expect(
      (await t.api('GET', '/invitations/sent', s.bob)).json().items.map((i: { id: string }) => i.id),
    ).toContain(s.bobToDave);
    const notes = (await t.api('GET', '/notifications', s.bob)).json();
    expect(notes.unreadCount).toBe(s.bobNotifications.length);
    expect((await t.api('GET', '/connections', s.carol)).json().total).toBe(1);
    expect((await t.api('GET', '/blocks', s.carol)).json().items.map((m: { id: string }) => m.id)).toEqual([
      s.erin.id,
    ]);
    expect((await t.api('POST', `/invitations/${s.carolToAda}/withdraw`, s.carol)).statusCode).toBe(204);
  });

  it('A1 without auth every endpoint but signup, login and the OpenAPI document answers 401 and changes nothing', async () => {
    // design/api.md: all but signup, login and the OpenAPI document. Added since: the demo login
    // (fixed text, 404 unless RAPPORT_DEMO=1). A route made public by mistake fails here.
    const open = new Set([
      'POST /api/v1/auth/signup',
      'POST /api/v1/auth/login',
      'GET /api/v1/openapi.json',
      'HEAD /api/v1/openapi.json',
      'GET /api/v1/auth/demo',
      'HEAD /api/v1/auth/demo',
      // N2 one-click unsubscribe (api.md): no sign-in, the unguessable token is the proof.
      'GET /api/v1/email/unsubscribe',
      'HEAD /api/v1/email/unsubscribe',
      'POST /api/v1/email/unsubscribe',
    ]);
    // M4: without a moderator's session, every /admin path answers as one that does not exist.
    const hidden = (r: RegisteredRoute) => r.url.startsWith('/api/v1/admin/');
    for (const route of routes.filter((r) => r.url.startsWith('/api/v1/') && !open.has(routeKey(r)))) {
      const ids = Object.fromEntries(pathParams(route.url).map((p) => [p, s.bobToDave]));
      for (const auth of [null, 'not-a-real-token', `${s.ada.token}x`]) {
        const before = await snapshotDatabase(t.deps.db);
        figures.calls += 1;
        const res = await t.api(
          route.method,
          fillPath(route.url, ids),
          auth,
          route.method === 'GET' || route.method === 'HEAD'
            ? undefined
            : { ids: [s.bobToDave], memberId: s.bob.id, password: 'x' },
        );
        const status = hidden(route) ? 404 : 401;
        expect(res.statusCode, `${routeKey(route)} as ${String(auth).slice(0, 8)}`).toBe(status);
        if (route.method !== 'HEAD') {
          expect(res.json()).toMatchObject({ code: hidden(route) ? 'not_found' : 'unauthorized', status });
        }
        expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
        if (hidden(route)) figures.notFound += 1;
        else figures.unauthorized += 1;
      }
    }
  });
});
