import { setModerator } from '../../src/commands/setModerator.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../src/clock.js';
import { unsubscribeSecret } from '../../src/email/unsubscribeSecret.js';
import { buildApp } from '../../src/http/app.js';
import { unsubscribeToken } from '../../src/security/unsubscribeTokens.js';
import { createTestApp, expectProblem, testDialect, type TestApp, type TestMember } from '../helpers/app.js';
import { snapshotDatabase, snapshotDiff } from '../helpers/dbSnapshot.js';
import { injectWhole, type InjectedAnswer } from '../helpers/inject.js';
import { fillPath, pathParams, registeredRoutes, routeKey } from '../helpers/routeTable.js';

/**
 * Auth hardening (A1): sign-in throttles per account and per address, sessions that expire and
 * die on logout and on a password change, CSRF refused for cookie-authenticated writes from
 * another origin on every state-changing route (walked from the route table), security headers
 * on every response the app can give — errors and the web app's fallback included — and no high
 * or critical advisory against what ships (server and web bundle), with a CycloneDX SBOM of it.
 */

const figures = { csrfRoutes: 0, csrfRefusals: 0, headerChecks: 0, audit: 'NOT RUN', sbom: 'not written' };

afterAll(() => {
  console.info(
    `[issue-6 figures] auth-hardening (${testDialect}): CSRF refused on ${figures.csrfRoutes} state-changing routes ` +
      `(${figures.csrfRefusals} refusals), security headers on ${figures.headerChecks} responses; npm audit: ${figures.audit}; SBOM: ${figures.sbom}`,
  );
});

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function login(
  email: string,
  password: string,
  remoteAddress = '127.0.0.1',
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers,
    payload: { email, password },
  });
}

describe('A1 login throttling', () => {
  beforeEach(async () => {
    t = await createTestApp({ config: { loginAttempts: 3 } });
  });

  it('A1 per account and address: after RAPPORT_LOGIN_ATTEMPTS failures from an address even the right password from it waits, with Retry-After', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    for (let i = 0; i < 3; i++)
      expectProblem(await login(ada.email, 'wrong password'), 401, 'invalid_credentials');
    const throttled = await login(ada.email, ada.password);
    expectProblem(throttled, 429, 'rate_limited');
    const retry = Number(throttled.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Case and spaces do not make it another account.
    expectProblem(await login(`  ${ada.email.toUpperCase()} `, ada.password), 429, 'rate_limited');
    // Other accounts from the same address are not held up.
    expect((await login(bob.email, bob.password)).statusCode).toBe(200);
    // Unknown emails are throttled the same way, so throttling tells nothing about who exists.
    for (let i = 0; i < 3; i++) await login('nobody@example.test', 'whatever');
    expectProblem(await login('nobody@example.test', 'whatever'), 429, 'rate_limited');
    // Once the window has passed, the right password works again.
    t.clock.advance(15 * MINUTE + 1000);
    expect((await login(ada.email, ada.password)).statusCode).toBe(200);
  });

  it("A1 a stranger's wrong passwords lock out only the stranger's address: the owner signs in from another", async () => {
    const ada = await t.signUp('Ada');
    const stranger = '127.0.0.66';
    for (let i = 0; i < 3; i++) {
      expectProblem(await login(ada.email, 'a guess', stranger), 401, 'invalid_credentials');
    }
    for (let i = 0; i < 5; i++) {
      const res = await login(ada.email, i === 4 ? ada.password : 'a guess', stranger);
      expectProblem(res, 429, 'rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(10 * 60);
    }
    // The owner's address has no failures: the right password works at once, and again.
    expect((await login(ada.email, ada.password, '127.0.0.1')).statusCode).toBe(200);
    expect((await login(ada.email, ada.password, '127.0.0.1')).statusCode).toBe(200);
    // The owner's own mistakes count toward the owner's address only.
    expectProblem(await login(ada.email, 'typo', '127.0.0.1'), 401, 'invalid_credentials');
    expect((await login(ada.email, ada.password, '127.0.0.1')).statusCode).toBe(200);
  });

  it('A1 account-wide: failures spread over many addresses slow every sign-in on the account, more after each, but never lock it', async () => {
    const ada = await t.signUp('Ada');
    // The ceiling is ten times RAPPORT_LOGIN_ATTEMPTS (3 here): 30 failures from ten addresses,
    // each staying under its own lock.
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 3; i++) {
        expectProblem(await login(ada.email, 'a guess', `127.0.1.${a + 1}`), 401, 'invalid_credentials');
      }
    }
    const waits: number[] = [];
    for (let n = 0; n < 10; n++) {
      // Even from a clean address, and with the right password, the next try waits...
      const slowed = await login(ada.email, ada.password, '127.0.0.1');
      expectProblem(slowed, 429, 'rate_limited');
      const wait = Number(slowed.headers['retry-after']);
      waits.push(wait);
      // ...and a guess made during the wait is refused unchecked, so it costs the owner nothing.
      expectProblem(await login(ada.email, 'a guess', `127.0.2.${n + 1}`), 429, 'rate_limited');
      t.clock.advance(wait * 1000);
      // After the wait one more guess gets through, and fails.
      expectProblem(await login(ada.email, 'a guess', `127.0.2.${n + 1}`), 401, 'invalid_credentials');
    }
    // The wait grows with each failure past the ceiling, but stays a wait: at most a minute.
    expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(waits.slice(6)).toEqual([60, 60, 60, 60]);
    const last = await login(ada.email, ada.password, '127.0.0.1');
    expectProblem(last, 429, 'rate_limited');
    t.clock.advance(Number(last.headers['retry-after']) * 1000);
    expect((await login(ada.email, ada.password, '127.0.0.1')).statusCode).toBe(200);
  });

  it('A1 per address: a burst over many accounts from one address is throttled; forged X-Forwarded-For does not help', async () => {
    // The per-address limit is ten times the per-account one: 30 attempts per 15 minutes here,
    // each on its own account so only the address limit applies.
    const attacker = '203.0.113.7';
    for (let i = 0; i < 30; i++) {
      expectProblem(await login(`victim${i}@example.test`, 'guess', attacker), 401, 'invalid_credentials');
    }
    const blocked = await login('victim30@example.test', 'guess', attacker);
    const body = expectProblem(blocked, 429, 'rate_limited');
    expect(body.detail).toMatch(/address/i);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    for (const forged of ['198.51.100.1', '198.51.100.2, 10.0.0.1']) {
      const res = await login('victim31@example.test', 'guess', attacker, { 'x-forwarded-for': forged });
      expectProblem(res, 429, 'rate_limited');
    }
    // Another address is not held up.
    expectProblem(await login('victim32@example.test', 'guess', '203.0.113.8'), 401, 'invalid_credentials');
  });

  it('A1 signups are limited per address (RAPPORT_SIGNUPS_PER_HOUR)', async () => {
    await t.close();
    t = await createTestApp({ config: { signupsPerHour: 2 } });
    const signup = (i: number, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress,
        payload: { email: `s${i}@example.test`, password: 'long enough', name: `S${i}` },
      });
    expect((await signup(1, '203.0.113.9')).statusCode).toBe(201);
    expect((await signup(2, '203.0.113.9')).statusCode).toBe(201);
    const before = await snapshotDatabase(t.deps.db);
    const refused = await signup(3, '203.0.113.9');
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
    expect((await signup(4, '203.0.113.10')).statusCode).toBe(201);
  });
});

describe('A1 sessions', () => {
  beforeEach(async () => {
    t = await createTestApp({ config: { sessionDays: 1 } });
  });

  const asCookie = (token: string) => ({ cookie: `rapport_session=${token}` });
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers });

  it('A1 a session expires after RAPPORT_SESSION_DAYS, as a Bearer token and as a cookie', async () => {
    const ada = await t.signUp('Ada');
    expect((await me({ authorization: `Bearer ${ada.token}` })).statusCode).toBe(200);
    expect((await me(asCookie(ada.token))).statusCode).toBe(200);
    t.clock.advance(DAY - 1000);
    expect((await me(asCookie(ada.token))).statusCode).toBe(200);
    t.clock.advance(1001);
    expectProblem(await me({ authorization: `Bearer ${ada.token}` }), 401, 'unauthorized');
    expectProblem(await me(asCookie(ada.token)), 401, 'unauthorized');
  });

  it('A1 logout ends the session it is called with, Bearer or cookie, and clears the cookie', async () => {
    const ada = await t.signUp('Ada');
    const second = (await login(ada.email, ada.password)).json().token as string;
    expect((await t.api('POST', '/auth/logout', ada)).statusCode).toBe(204);
    expectProblem(await me({ authorization: `Bearer ${ada.token}` }), 401, 'unauthorized');
    expect((await me(asCookie(second))).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asCookie(second) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/rapport_session=;.*Expires=Thu, 01 Jan 1970/);
    expectProblem(await me(asCookie(second)), 401, 'unauthorized');
  });

  it('A1 a password change ends every other session, keeps this one, and retires the old password', async () => {
    const ada = await t.signUp('Ada');
    const other = (await login(ada.email, ada.password)).json().token as string;
    const current = (await login(ada.email, ada.password)).json().token as string;
    const res = await t.api('POST', '/me/password', current, {
      currentPassword: ada.password,
      newPassword: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(204);
    expectProblem(await me({ authorization: `Bearer ${ada.token}` }), 401, 'unauthorized');
    expectProblem(await me(asCookie(other)), 401, 'unauthorized');
    expect((await me({ authorization: `Bearer ${current}` })).statusCode).toBe(200);
    expectProblem(await login(ada.email, ada.password), 401, 'invalid_credentials');
    expect((await login(ada.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('A1 A4 deleting the account ends all its sessions', async () => {
    const ada = await t.signUp('Ada');
    const other = (await login(ada.email, ada.password)).json().token as string;
    expect((await t.api('DELETE', '/me', ada, { password: ada.password })).statusCode).toBe(204);
    expectProblem(await me({ authorization: `Bearer ${ada.token}` }), 401, 'unauthorized');
    expectProblem(await me(asCookie(other)), 401, 'unauthorized');
    expectProblem(await login(ada.email, ada.password), 401, 'invalid_credentials');
  });
});

// ---------- CSRF, walked from the route table ----------

interface Setup {
  /** The member whose cookie is used. */
  who: TestMember;
  params: Record<string, string>;
  body?: unknown;
}

/**
 * Every state-changing route → a request that succeeds when it comes from our own origin, so a
 * refusal from another origin is the CSRF defence and nothing else.
 */
const WRITES: Record<string, (t: TestApp) => Promise<Setup>> = {
  'POST /api/v1/auth/signup': async () => ({
    who: await t.signUp('Cookie Holder'),
    params: {},
    body: { email: `csrf-${(signups += 1)}@example.test`, password: 'long enough', name: 'New' },
  }),
  'POST /api/v1/auth/login': async (t) => {
    const m = await t.signUp('Login Target');
    return { who: m, params: {}, body: { email: m.email, password: m.password } };
  },
  'POST /api/v1/auth/logout': async (t) => ({ who: await t.signUp('Leaver'), params: {} }),
  'POST /api/v1/me/password': async (t) => {
    const m = await t.signUp('Changer');
    return { who: m, params: {}, body: { currentPassword: m.password, newPassword: 'another long one' } };
  },
  'DELETE /api/v1/me': async (t) => {
    const m = await t.signUp('Deleter');
    return { who: m, params: {}, body: { password: m.password } };
  },
  'POST /api/v1/invitations': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    return { who: a, params: {}, body: { recipientId: b.id, message: 'hi' } };
  },
  'POST /api/v1/invitations/:id/withdraw': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: a, params: { id } };
  },
  'POST /api/v1/invitations/:id/accept': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: { id } };
  },
  'POST /api/v1/invitations/:id/ignore': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: { id } };
  },
  'POST /api/v1/invitations/withdraw': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: a, params: {}, body: { ids: [id] } };
  },
  'POST /api/v1/invitations/accept': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: {}, body: { ids: [id] } };
  },
  'POST /api/v1/invitations/ignore': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: {}, body: { ids: [id] } };
  },
  'DELETE /api/v1/connections/:memberId': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    await t.api('POST', `/invitations/${id}/accept`, b);
    return { who: a, params: { memberId: b.id } };
  },
  'POST /api/v1/blocks': async (t) => {
    const [a, b] = [await t.signUp('Blocker'), await t.signUp('Blocked')];
    return { who: a, params: {}, body: { memberId: b.id } };
  },
  'DELETE /api/v1/blocks/:memberId': async (t) => {
    const [a, b] = [await t.signUp('Blocker'), await t.signUp('Blocked')];
    await t.api('POST', '/blocks', a, { memberId: b.id });
    return { who: a, params: { memberId: b.id } };
  },
  'PATCH /api/v1/settings': async (t) => ({
    who: await t.signUp('Settler'),
    params: {},
    body: { whoCanInvite: 'email_required', autoWithdrawAfterDays: 30 },
  }),
  'PATCH /api/v1/me': async (t) => ({
    who: await t.signUp('Renamer'),
    params: {},
    body: { name: 'Renamed', headline: 'New headline' },
  }),
  'POST /api/v1/auth/logout-everywhere': async (t) => ({ who: await t.signUp('Everywhere'), params: {} }),
  'POST /api/v1/invitations/:id/dont-know': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: { id } };
  },
  'POST /api/v1/invitations/dont-know': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    const id = (await t.api('POST', '/invitations', a, { recipientId: b.id })).json().invitation.id;
    return { who: b, params: {}, body: { ids: [id] } };
  },
  'POST /api/v1/reports': async (t) => {
    const [a, b] = [await t.signUp('Reporter'), await t.signUp('Reported')];
    return { who: a, params: {}, body: { memberId: b.id, reason: 'spam' } };
  },
  'POST /api/v1/network/suggestions/:memberId/dismiss': async (t) => {
    const [a, b] = [await t.signUp('Dismisser'), await t.signUp('Suggested')];
    return { who: a, params: { memberId: b.id } };
  },
  // M4: a moderator's cookie is held to the same rule (others get a 404 before any CSRF check).
  'POST /api/v1/admin/reports/:id/resolve': async (t) => {
    const [mo, a, b] = [await moderatorFor(t), await t.signUp('Reporter'), await t.signUp('Reported')];
    const id = (await t.api('POST', '/reports', a, { memberId: b.id, reason: 'spam' })).json().id;
    return { who: mo, params: { id }, body: { action: 'dismiss' } };
  },
  'POST /api/v1/admin/members/:id/suspend': async (t) => ({
    who: await moderatorFor(t),
    params: { id: (await t.signUp('Suspect')).id },
    body: { reason: 'spam' },
  }),
  'POST /api/v1/admin/members/:id/unsuspend': async (t) => {
    const [mo, m] = [await moderatorFor(t), await t.signUp('Suspect')];
    await t.api('POST', `/admin/members/${m.id}/suspend`, mo, { reason: 'spam' });
    return { who: mo, params: { id: m.id }, body: { reason: 'appeal' } };
  },
  'POST /api/v1/admin/members/:id/restrict': async (t) => ({
    who: await moderatorFor(t),
    params: { id: (await t.signUp('Suspect')).id },
    body: { days: 2, reason: 'spam' },
  }),
  'PUT /api/v1/admin/members/:id/limits': async (t) => ({
    who: await moderatorFor(t),
    params: { id: (await t.signUp('Suspect')).id },
    body: { invitesPerDay: 1, invitesPerWeek: null, maxPendingSent: null, reason: 'spam' },
  }),
  'POST /api/v1/notifications/read': async (t) => {
    const [a, b] = [await t.signUp('Sender'), await t.signUp('Recipient')];
    await t.api('POST', '/invitations', a, { recipientId: b.id });
    return { who: b, params: {}, body: { all: true } };
  },
};

/**
 * Writes deliberately without the CSRF check (design/api.md): RFC 8058 one-click unsubscribe is
 * POSTed by mail providers from anywhere; its token is the proof and switches off only its kind.
 * The test below shows a cross-origin POST with a cookie goes through and changes only that.
 */
async function moderatorFor(t: TestApp): Promise<TestMember> {
  const m = await t.signUp('Moderator');
  await setModerator(t.deps, { email: m.email, moderator: true });
  return m;
}

const CSRF_FREE = new Set(['POST /api/v1/email/unsubscribe']);

let signups = 0;
const HOST = 'rapport.example';
const FOREIGN: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site', origin: `https://sub.${HOST}` },
  { origin: 'null' },
  { origin: `https://${HOST}.evil.example` },
];

describe('A1 CSRF: cookie-authenticated writes from another origin are refused on every state-changing route', () => {
  beforeEach(async () => {
    t = await createTestApp();
  });

  it('A1 every state-changing route has a CSRF case, and every case is a route', () => {
    const writes = registeredRoutes(t.app)
      .filter((r) => r.url.startsWith('/api/v1/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
      .map(routeKey);
    expect(
      writes.filter((k) => !(k in WRITES) && !CSRF_FREE.has(k)),
      'state-changing routes without a CSRF case',
    ).toEqual([]);
    expect(Object.keys(WRITES).filter((k) => !writes.includes(k))).toEqual([]);
  });

  it('N2 one-click unsubscribe is CSRF-free by design: a cross-origin POST with its token switches off only that kind', async () => {
    const member = await t.signUp('Unsubscriber');
    const token = unsubscribeToken(await unsubscribeSecret(t.deps), member.id, 'reminders');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/email/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: {
        host: HOST,
        cookie: `rapport_session=${member.token}`,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const settings = (await t.api('GET', '/settings', member)).json();
    expect(settings.email).toEqual({ invitationReceived: true, invitationAccepted: true, reminders: false });
  });

  it('A1 refused as csrf_rejected and changing nothing; the same request from our origin, or with Bearer, goes through', async () => {
    const routes = registeredRoutes(t.app).filter((r) => routeKey(r) in WRITES);
    for (const route of routes) {
      figures.csrfRoutes += 1;
      const setup = await (WRITES[routeKey(route)] as (t: TestApp) => Promise<Setup>)(t);
      const url = fillPath(route.url, setup.params);
      const send = (headers: Record<string, string>, auth: 'cookie' | 'bearer' = 'cookie') =>
        t.app.inject({
          method: route.method as 'POST',
          url,
          headers: {
            host: HOST,
            ...(auth === 'cookie'
              ? { cookie: `rapport_session=${setup.who.token}` }
              : { authorization: `Bearer ${setup.who.token}` }),
            ...headers,
          },
          ...(setup.body === undefined ? {} : { payload: setup.body as object }),
        });
      for (const foreign of FOREIGN) {
        const before = await snapshotDatabase(t.deps.db);
        const res = await send(foreign);
        expectProblem(res, 403, 'csrf_rejected');
        expect(
          snapshotDiff(before, await snapshotDatabase(t.deps.db)),
          `${routeKey(route)} ${JSON.stringify(foreign)}`,
        ).toEqual([]);
        figures.csrfRefusals += 1;
      }
      const own = await send({ origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' });
      expect(own.statusCode, `${routeKey(route)} from our own origin: ${own.body}`).toBeLessThan(300);
      // Bearer needs no CSRF defence: a page on another origin cannot set the header.
      const fresh = await (WRITES[routeKey(route)] as (t: TestApp) => Promise<Setup>)(t);
      const bearer = await t.app.inject({
        method: route.method as 'POST',
        url: fillPath(route.url, fresh.params),
        headers: {
          host: HOST,
          authorization: `Bearer ${fresh.who.token}`,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
        ...(fresh.body === undefined ? {} : { payload: fresh.body as object }),
      });
      expect(bearer.statusCode, `${routeKey(route)} with Bearer: ${bearer.body}`).toBeLessThan(300);
    }
  });
});

// ---------- security headers on every response ----------

function headerProblems(res: InjectedAnswer | { headers: Record<string, unknown> }): string[] {
  const h = res.headers;
  const problems: string[] = [];
  const csp = String(h['content-security-policy'] ?? '');
  if (!/frame-ancestors '(none|self)'/.test(csp)) problems.push(`CSP without frame-ancestors: "${csp}"`);
  if (h['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  const referrer = String(h['referrer-policy'] ?? '');
  if (!/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(referrer)) {
    problems.push(`Referrer-Policy "${referrer}"`);
  }
  return problems;
}

describe('A1 security headers on every response', () => {
  let web: FastifyInstance | null = null;
  let webRoot = '';
  beforeEach(async () => {
    t = await createTestApp({ config: { loginAttempts: 1, signupsPerHour: 3 } });
  });
  afterEach(async () => {
    await web?.close();
    web = null;
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  async function check(app: FastifyInstance, options: InjectOptions, what: string): Promise<InjectedAnswer> {
    const res = await injectWhole(app, options);
    figures.headerChecks += 1;
    expect(headerProblems(res), `${what} → ${res.statusCode}`).toEqual([]);
    return res;
  }

  it('A1 on every registered route, signed in and not, and on every kind of error', async () => {
    const ada = await t.signUp('Ada');
    const bob = await t.signUp('Bob');
    const dan = await t.signUp('Dan');
    const invitation = (await t.api('POST', '/invitations', bob, { recipientId: ada.id })).json().invitation
      .id;
    const { startSession } = await import('../../src/commands/startSession.js');
    const statuses = new Set<number>();
    for (const route of registeredRoutes(t.app)) {
      const params = Object.fromEntries(
        pathParams(route.url).map((p) => [p, p === 'id' ? invitation : bob.id]),
      );
      const url = fillPath(route.url, params, 'index.css');
      // Signing out ends the session it is called with: use one made for it.
      // Signing out everywhere ends every session of the member: Dan's token is not needed after.
      const token = route.url.endsWith('/logout')
        ? (await startSession(t.deps, t.deps.db, ada.id)).token
        : route.url.endsWith('/logout-everywhere')
          ? dan.token
          : ada.token;
      for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
        const withBody = !['GET', 'HEAD'].includes(route.method);
        const res = await check(
          t.app,
          { method: route.method as 'GET', url, headers, ...(withBody ? { payload: {} } : {}) },
          routeKey(route),
        );
        statuses.add(res.statusCode);
      }
    }
    const errors: [string, InjectOptions][] = [
      ['unknown path', { method: 'GET', url: '/api/v1/no/such/thing' }],
      ['unknown method', { method: 'PUT', url: '/api/v1/invitations' }],
      ['undecodable path', { method: 'GET', url: '/api/v1/members/%E0%A4%A' }],
      [
        'malformed JSON',
        {
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'application/json' },
          payload: '{',
        },
      ],
      [
        'not JSON',
        {
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'text/plain' },
          payload: 'hi',
        },
      ],
      [
        'too large',
        {
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ message: 'x'.repeat(1_100_000) }),
        },
      ],
      [
        'CSRF',
        {
          method: 'POST',
          url: '/api/v1/blocks',
          headers: { cookie: `rapport_session=${ada.token}`, origin: 'https://evil.example' },
          payload: { memberId: bob.id },
        },
      ],
      [
        'created',
        {
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { authorization: `Bearer ${ada.token}` },
          payload: { recipientId: dan.id },
        },
      ],
      [
        'conflict',
        {
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { authorization: `Bearer ${bob.token}` },
          payload: { recipientId: ada.id },
        },
      ],
    ];
    for (const [what, options] of errors) statuses.add((await check(t.app, options, what)).statusCode);
    // Throttled sign-in and sign-up (429) too.
    await t.api('POST', '/auth/login', null, { email: ada.email, password: 'wrong password' });
    statuses.add(
      (
        await check(
          t.app,
          { method: 'POST', url: '/api/v1/auth/login', payload: { email: ada.email, password: 'x' } },
          'throttled login',
        )
      ).statusCode,
    );
    statuses.add(
      (
        await check(
          t.app,
          {
            method: 'POST',
            url: '/api/v1/auth/signup',
            payload: { email: 'z@example.test', password: 'long enough', name: 'Z' },
          },
          'throttled signup',
        )
      ).statusCode,
    );
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 429])
      expect(statuses).toContain(status);
  });

  it('O1 the CSP asks browsers to upgrade to https only when the deployment is on HTTPS', async () => {
    // It used to, always: served over plain HTTP at a LAN address, Chromium then fetched the
    // app's own scripts from https://… and showed a blank page.
    const plain = await injectWhole(t.app, { method: 'GET', url: '/healthz' });
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    web = await buildApp({ ...t.deps, config: { ...t.deps.config, secureCookies: true } }, { webRoot: null });
    const secure = await injectWhole(web, { method: 'GET', url: '/healthz' });
    expect(String(secure.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    expect(headerProblems(secure)).toEqual([]);
  });

  it('A1 on the web app, its assets and its client-side routes (the SPA fallback)', async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'rapport-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Rapport</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    web = await buildApp(t.deps, { webRoot });
    await web.ready();
    for (const url of [
      '/',
      '/mynetwork/invitation-manager/sent',
      '/in/someone?x=1',
      '/assets/app.js',
      '/assets/missing.js',
      '/%E0%A4%A',
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await check(web, { method, url }, `${method} ${url}`);
        if (url.startsWith('/mynetwork') && method === 'GET') expect(res.body).toContain('<div id="root">');
      }
    }
  });
});

// ---------- dependencies ----------

describe('A1 what ships: the server’s packages and the web bundle’s', () => {
  const root = resolve(import.meta.dirname, '../..');

  it('npm run sbom writes a CycloneDX SBOM that lists the server’s and the bundle’s packages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-sbom-'));
    try {
      const file = join(dir, 'sbom.json');
      // The last --output-file wins, so the checkout's sbom.json is left alone.
      await promisify(execFile)('npm', ['run', '--silent', 'sbom', '--', '--output-file', file], {
        cwd: root,
        timeout: 60_000,
      });
      const bom = JSON.parse(readFileSync(file, 'utf8')) as {
        bomFormat: string;
        components: { name: string; group?: string; version: string; purl?: string }[];
      };
      expect(bom.bomFormat).toBe('CycloneDX');
      const names = new Set(bom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));
      // fastify runs on the server; react, react-router-dom, recharts and TanStack Query are in
      // the bundle browsers run (devDependencies, so `npm audit --omit=dev` never saw them).
      for (const name of [
        'fastify',
        'better-sqlite3',
        'react',
        'react-dom',
        'react-router-dom',
        'recharts',
        '@tanstack/react-query',
      ]) {
        expect(names, name).toContain(name);
      }
      expect(bom.components.every((c) => c.version && c.purl?.startsWith('pkg:npm/'))).toBe(true);
      figures.sbom = `${bom.components.length} components`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('npm audit of every installed package, bundle included, finds no high or critical advisory — or says plainly it was not done', async () => {
    let stdout = '';
    try {
      // Without --omit=dev: the web bundle's packages are devDependencies.
      ({ stdout } = await promisify(execFile)('npm', ['audit', '--json'], { cwd: root, timeout: 60_000 }));
    } catch (error) {
      // npm audit exits non-zero when it finds anything, and when it cannot ask at all.
      stdout = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(stdout || '{}') as {
      metadata?: { vulnerabilities?: Record<string, number> };
      message?: string;
      error?: { summary?: string };
    };
    const counts = report.metadata?.vulnerabilities;
    if (!counts) {
      // The audit endpoint did not answer (offline, or a registry that refuses audits, as this
      // machine's answers 405): say so loudly rather than pass. AUDIT_REQUIRED=1 makes it a failure.
      const why = report.message ?? report.error?.summary ?? 'no report';
      figures.audit =
        `NOT RUN — no advisory was checked: the audit endpoint did not answer (${why.slice(0, 120)}); ` +
        'audit the SBOM from `npm run sbom` elsewhere';
      console.warn(`[issue-12] npm audit was NOT done, nothing was checked for advisories: ${why}`);
      expect(process.env.AUDIT_REQUIRED, `npm audit could not run: ${why}`).not.toBe('1');
      return;
    }
    figures.audit = `${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate (server and bundle)`;
    expect({ critical: counts.critical ?? 0, high: counts.high ?? 0 }).toEqual({ critical: 0, high: 0 });
  }, 90_000);
});
