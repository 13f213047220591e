import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';

let t: TestApp;
let web: FastifyInstance;
let webRoot: string;
const APP_JS = `export const greeting = ${JSON.stringify('hello '.repeat(500))};`;

beforeAll(async () => {
  t = await createTestApp();
  webRoot = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Rapport</title><div id="root"></div>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  // What the build writes beside each asset (web/vite.config.ts).
  writeFileSync(join(webRoot, 'assets', 'index-Bx9k2QaZ.js'), APP_JS);
  writeFileSync(join(webRoot, 'assets', 'index-Bx9k2QaZ.js.br'), brotliCompressSync(APP_JS));
  writeFileSync(join(webRoot, 'assets', 'index-Bx9k2QaZ.js.gz'), gzipSync(APP_JS));
  writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  web = await buildApp(t.deps, { webRoot });
});
afterAll(async () => {
  await web.close();
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('O1 one process serves the web app', () => {
  it('O1 client-side routes fall back to the app page', async () => {
    for (const url of ['/', '/mynetwork/invitation-manager/sent', '/in/some-member']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('O1 built assets are served; a missing asset is a 404, never the app page', async () => {
    const js = await web.inject({ method: 'GET', url: '/assets/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expectProblem(await web.inject({ method: 'GET', url: '/assets/app-oldhash.js' }), 404, 'not_found');
  });

  it('O1 unknown API paths stay problem+json 404s', async () => {
    expectProblem(await web.inject({ method: 'GET', url: '/api/v1/nothing' }), 404, 'not_found');
  });
});

describe('issue 12 item 13: compressed, and cached for as long as the name says', () => {
  const asset = '/assets/index-Bx9k2QaZ.js';

  it('sends the brotli or gzip file the build wrote to a browser that accepts it, the plain one otherwise', async () => {
    const br = await web.inject({
      method: 'GET',
      url: asset,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(APP_JS);
    expect(br.rawPayload.length).toBeLessThan(APP_JS.length / 10);

    const gz = await web.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(APP_JS);

    const plain = await web.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(APP_JS);
  });

  it('lets a browser keep a hashed asset for a year, and asks again for the page and unhashed files', async () => {
    const hashed = await web.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'br' } });
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const url of ['/', '/mynetwork/invitation-manager/sent', '/favicon.svg']) {
      const res = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('does not serve the compressed copies under their own names', async () => {
    expectProblem(await web.inject({ method: 'GET', url: `${asset}.br` }), 404, 'not_found');
  });
});
