import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { loginAttempts: 3, sessionDays: 30 } });
});
afterEach(() => t.close());

describe('A1 sign up, log in, log out', () => {
  it('A1 signup returns the member, a token and an HttpOnly cookie', async () => {
    const res = await t.api('POST', '/auth/signup', null, {
      email: 'Ada@Example.test',
      password: 'long enough',
      name: '  Ada Lovelace ',
      headline: 'Analyst',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.member).toEqual({ id: expect.any(String), name: 'Ada Lovelace', headline: 'Analyst' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('rapport_session=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const me = await t.api('GET', '/me', body.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ member: body.member, email: 'Ada@Example.test' });
  });

  it('A1 signup refuses a short password and a bad email with validation_failed', async () => {
    const short = await t.api('POST', '/auth/signup', null, {
      email: 'a@b.test',
      password: 'short',
      name: 'A',
    });
    const body = expectProblem(short, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: '/password' })]);
    const bad = await t.api('POST', '/auth/signup', null, {
      email: 'not-an-email',
      password: 'long enough',
      name: 'A',
    });
    expectProblem(bad, 400, 'validation_failed');
  });

  it('A1 signup refuses an email already taken, whatever its case (email_taken)', async () => {
    await t.signUp('First', { email: 'same@example.test' });
    const res = await t.api('POST', '/auth/signup', null, {
      email: 'SAME@example.test',
      password: 'long enough',
      name: 'Second',
    });
    expectProblem(res, 409, 'email_taken');
  });

  it('A1 login succeeds with the right password and answers unknown email and wrong password alike', async () => {
    const m = await t.signUp('Grace');
    const ok = await t.api('POST', '/auth/login', null, {
      email: m.email.toUpperCase(),
      password: m.password,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().member.id).toBe(m.id);

    const wrong = expectProblem(
      await t.api('POST', '/auth/login', null, { email: m.email, password: 'wrong password' }),
      401,
      'invalid_credentials',
    );
    const unknown = expectProblem(
      await t.api('POST', '/auth/login', null, { email: 'nobody@example.test', password: 'wrong password' }),
      401,
      'invalid_credentials',
    );
    expect(unknown.detail).toBe(wrong.detail);
  });

  it('A1 login is throttled per account after RAPPORT_LOGIN_ATTEMPTS failures, with Retry-After', async () => {
    const m = await t.signUp('Target');
    for (let i = 0; i < 3; i++) {
      await t.api('POST', '/auth/login', null, { email: m.email, password: 'guess guess' });
    }
    const res = await t.api('POST', '/auth/login', null, { email: m.email, password: m.password });
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    const later = await t.api('POST', '/auth/login', null, { email: m.email, password: m.password });
    expect(later.statusCode).toBe(200);
  });

  it('A1 logout ends the session: the token then answers 401', async () => {
    const m = await t.signUp();
    expect((await t.api('POST', '/auth/logout', m)).statusCode).toBe(204);
    expectProblem(await t.api('GET', '/me', m), 401, 'unauthorized');
  });

  it('A1 password change ends every other session but keeps the current one', async () => {
    const m = await t.signUp();
    const other = (await t.api('POST', '/auth/login', null, { email: m.email, password: m.password })).json()
      .token;
    const res = await t.api('POST', '/me/password', m, {
      currentPassword: m.password,
      newPassword: 'a brand new one',
    });
    expect(res.statusCode).toBe(204);
    expect((await t.api('GET', '/me', m)).statusCode).toBe(200);
    expectProblem(await t.api('GET', '/me', other), 401, 'unauthorized');
    const wrong = await t.api('POST', '/me/password', m, {
      currentPassword: 'not it at all',
      newPassword: 'another one!',
    });
    expectProblem(wrong, 401, 'invalid_credentials');
  });

  it('A1 the session cookie authenticates, and a cross-origin write with it is refused (csrf_rejected)', async () => {
    const m = await t.signUp();
    const cookie = `rapport_session=${m.token}`;
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(get.statusCode).toBe(200);
    const evil = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' },
    });
    expectProblem(evil, 403, 'csrf_rejected');
    const site = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expectProblem(site, 403, 'csrf_rejected');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(204);
  });

  it('A1 an expired session answers 401', async () => {
    const m = await t.signUp();
    t.clock.advance(31 * 24 * 3600_000);
    expectProblem(await t.api('GET', '/me', m), 401, 'unauthorized');
  });

  it('without auth, endpoints answer 401 unauthorized', async () => {
    expectProblem(await t.api('GET', '/me', null), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/me', 'garbage-token'), 401, 'unauthorized');
  });
});

describe('bad input', () => {
  it('malformed JSON is invalid_json, a non-JSON body is unsupported_media_type, a huge one payload_too_large', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expectProblem(bad, 400, 'invalid_json');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectProblem(text, 415, 'unsupported_media_type');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024), name: 'A' }),
    });
    expectProblem(huge, 413, 'payload_too_large');
  });

  it('wrong types in a JSON body are refused, not coerced', async () => {
    const res = await t.api('POST', '/auth/signup', null, {
      email: 'a@b.test',
      password: 12345678,
      name: 'A',
    });
    expectProblem(res, 400, 'validation_failed');
  });

  it('an unknown route is a problem+json 404', async () => {
    expectProblem(await t.api('GET', '/nothing-here', null), 404, 'not_found');
  });
});

describe('O1 the demo login', () => {
  it('O1 is offered only when the server runs with demo members', async () => {
    expectProblem(await t.api('GET', '/auth/demo', null), 404, 'not_found');
    const demo = await createTestApp({ config: { demo: true } });
    try {
      const res = await demo.api('GET', '/auth/demo', null);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ email: 'demo@rapport.test', password: 'rapport-demo' });
    } finally {
      await demo.close();
    }
  });
});

describe('O4 behind a load balancer', () => {
  it('O4 with RAPPORT_TRUST_PROXY the signup throttle counts each client address, not the balancer', async () => {
    const proxied = await createTestApp({ config: { signupsPerHour: 1 } });
    try {
      const signup = (n: number, forwardedFor: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: `p${n}@example.test`, password: 'long enough', name: `P${n}` },
        });
      // Without trusting the proxy, every client shares the balancer's address.
      expect((await signup(1, '203.0.113.1')).statusCode).toBe(201);
      expectProblem(await signup(2, '203.0.113.2'), 429, 'rate_limited');
    } finally {
      await proxied.close();
    }
    const trusting = await createTestApp({ config: { signupsPerHour: 1, trustProxy: true } });
    try {
      const signup = (n: number, forwardedFor: string) =>
        trusting.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: `q${n}@example.test`, password: 'long enough', name: `Q${n}` },
        });
      expect((await signup(1, '203.0.113.1')).statusCode).toBe(201);
      expect((await signup(2, '203.0.113.2')).statusCode).toBe(201);
      expectProblem(await signup(3, '203.0.113.1'), 429, 'rate_limited');
    } finally {
      await trusting.close();
    }
  });
});
