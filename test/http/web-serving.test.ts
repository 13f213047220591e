import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, expectProblem, type TestApp } from '../helpers/app.js';

let t: TestApp;
let web: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  t = await createTestApp();
  webRoot = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Rapport</title><div id="root"></div>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
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
