import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(() => t.close());

const metrics = (remoteAddress: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

describe('/metrics is not a side channel (issue 12 item 3)', () => {
  it('without a token, answers a scraper on this host and gives anyone else the 404 of a missing path', async () => {
    t = await createTestApp();
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await metrics(local);
      expect(res.statusCode, local).toBe(200);
      expect(res.body).toContain('rapport_invitations_total');
    }
    const missing = await t.app.inject({ method: 'GET', url: '/no-such-path', remoteAddress: '192.0.2.7' });
    for (const remote of ['192.0.2.7', '2001:db8::1', '::ffff:192.0.2.7']) {
      const res = await metrics(remote);
      expectProblem(res, 404, 'not_found');
      expect(res.body).not.toContain('rapport_');
      expect(res.json().title).toBe(missing.json().title);
    }
  });

  it('a request a proxy forwarded is not local, even from a proxy on this host, trusted or not', async () => {
    for (const trustProxy of [false, true]) {
      t = await createTestApp({ config: { trustProxy } });
      for (const headers of <Record<string, string>[]>[
        { 'x-forwarded-for': '127.0.0.1' },
        { forwarded: 'for=127.0.0.1' },
        { 'x-real-ip': '127.0.0.1' },
      ]) {
        expectProblem(await metrics('127.0.0.1', headers), 404, 'not_found');
      }
      // A client far away claiming to be local does not become local either.
      expectProblem(await metrics('198.51.100.4', { 'x-forwarded-for': '127.0.0.1' }), 404, 'not_found');
      await t.close();
    }
    t = await createTestApp();
  });

  it('with RAPPORT_METRICS_TOKEN, anyone with the token reads them, and nobody without it', async () => {
    t = await createTestApp({ config: { metricsToken: 's3cret-token' } });
    const remote = await metrics('203.0.113.9', { authorization: 'Bearer s3cret-token' });
    expect(remote.statusCode).toBe(200);
    expect(remote.body).toContain('rapport_http_requests_total');
    expectProblem(await metrics('127.0.0.1'), 401, 'unauthorized');
    expectProblem(await metrics('203.0.113.9', { authorization: 'Bearer wrong' }), 401, 'unauthorized');
  });
});
