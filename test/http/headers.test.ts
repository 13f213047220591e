import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';
import { injectWhole } from '../helpers/inject.js';

/** Issue 12 item 6: response headers, Node-level refusals and the CSRF origin check. */

let t: TestApp;
afterEach(() => t.close());

describe('Transport and caching headers', () => {
  it('sends Strict-Transport-Security only when the deployment is on HTTPS (RAPPORT_SECURE_COOKIES=1)', async () => {
    t = await createTestApp();
    expect((await t.api('GET', '/healthz', null)).headers['strict-transport-security']).toBeUndefined();
    await t.close();
    t = await createTestApp({ config: { secureCookies: true } });
    expect((await t.api('GET', '/healthz', null)).headers['strict-transport-security']).toMatch(
      /^max-age=31536000/,
    );
  });

  it('sends a Permissions-Policy that turns off the powerful features the app never uses', async () => {
    t = await createTestApp();
    for (const url of ['/healthz', '/api/v1/me', '/no/such/page']) {
      const policy = String((await t.app.inject({ method: 'GET', url })).headers['permissions-policy']);
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment']) {
        expect(policy, url).toContain(`${feature}=()`);
      }
    }
  });

  it('marks authenticated JSON, the CSV download, the live stream and API errors Cache-Control: no-store', async () => {
    t = await createTestApp();
    const ada = await t.signUp('Ada');
    for (const url of [
      '/me',
      '/invitations/received',
      '/invitations/history?format=csv',
      '/invitations/history?format=xml',
    ]) {
      const res = await t.api('GET', url, ada);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const stream = await injectWhole(t.app, {
      method: 'GET',
      url: '/api/v1/notifications/stream',
      headers: { authorization: `Bearer ${ada.token}` },
    });
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toBe('no-store');
  });

  it("the API docs page's CSP asks for an upgrade to https only on an HTTPS deployment", async () => {
    t = await createTestApp();
    const plain = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(plain.statusCode).toBe(200);
    const csp = String(plain.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    await t.close();
    t = await createTestApp({ config: { secureCookies: true } });
    const secure = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(String(secure.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});

/** Sends raw bytes to a listening server and returns what came back before it hung up. */
async function raw(port: number, request: string): Promise<{ status: number; type: string; body: string }> {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', (error) => (data ? resolve(data) : reject(error)));
    socket.write(request);
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const type = /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? '';
  return { status, type, body };
}

describe('Refusals from Node’s HTTP parser are problem documents', () => {
  it('431 for headers over the limit, 400 for a malformed request line', async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    const huge = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(huge.type).toBe('application/problem+json');
    expect(JSON.parse(huge.body)).toMatchObject({ status: 431, code: 'headers_too_large' });

    const longLine = await raw(port, `GET /${'p'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(longLine.status).toBe(431);
    expect(JSON.parse(longLine.body)).toMatchObject({ code: 'headers_too_large' });

    const garbage = await raw(port, 'NOT A REQUEST\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(garbage.type).toBe('application/problem+json');
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('CSRF compares the whole origin: scheme, host and port', () => {
  const write = (token: string, headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: { cookie: `rapport_session=${token}`, ...headers },
      payload: { all: true },
    });

  it('on a plain HTTP server, an https:// or other-port Origin with our host is refused', async () => {
    t = await createTestApp();
    const ada = await t.signUp('Ada');
    const host = 'rapport.lan:3000';
    for (const origin of ['https://rapport.lan:3000', 'http://rapport.lan:3001', 'http://rapport.lan']) {
      expectProblem(await write(ada.token, { host, origin }), 403, 'csrf_rejected');
    }
    expect((await write(ada.token, { host, origin: 'http://rapport.lan:3000' })).statusCode).toBe(204);
    // Default ports are the same origin written either way.
    expect(
      (await write(ada.token, { host: 'rapport.lan', origin: 'http://rapport.lan:80' })).statusCode,
    ).toBe(204);
  });

  it('an HTTPS deployment (RAPPORT_SECURE_COOKIES=1, behind a TLS proxy) expects https://', async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    const ada = await t.signUp('Ada');
    const host = 'rapport.example';
    expectProblem(await write(ada.token, { host, origin: 'http://rapport.example' }), 403, 'csrf_rejected');
    expect((await write(ada.token, { host, origin: 'https://rapport.example' })).statusCode).toBe(204);
  });
});
