import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const REDOCLY = resolve(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

// Every method and path of design/api.md, as OpenAPI writes them.
const CONTRACT = [
  'post /api/v1/auth/signup',
  'post /api/v1/auth/login',
  'post /api/v1/auth/logout',
  'get /api/v1/me',
  'patch /api/v1/me',
  'post /api/v1/me/password',
  'delete /api/v1/me',
  'get /api/v1/members/{id}',
  'get /api/v1/members',
  'post /api/v1/invitations',
  'get /api/v1/invitations/sent',
  'get /api/v1/invitations/received',
  'post /api/v1/invitations/{id}/withdraw',
  'post /api/v1/invitations/withdraw',
  'post /api/v1/invitations/{id}/accept',
  'post /api/v1/invitations/{id}/ignore',
  'get /api/v1/invitations/history',
  'post /api/v1/invitations/accept',
  'post /api/v1/invitations/ignore',
  'get /api/v1/invitations/insights',
  'get /api/v1/invitations/quota',
  'get /api/v1/connections',
  'delete /api/v1/connections/{memberId}',
  'post /api/v1/blocks',
  'delete /api/v1/blocks/{memberId}',
  'get /api/v1/blocks',
  'get /api/v1/settings',
  'patch /api/v1/settings',
  'get /api/v1/network/summary',
  'get /api/v1/notifications',
  'post /api/v1/notifications/read',
  'get /api/v1/notifications/stream',
];

let t: TestApp;
let ada: TestMember;
beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signUp('Ada');
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is served without auth and validates as OpenAPI 3.1', async () => {
    const res = await t.api('GET', '/api/v1/openapi.json', null);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('lists every path of design/api.md, each with a success response and problem responses', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json', null)).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(CONTRACT.filter((op) => !listed.includes(op))).toEqual([]);
    for (const op of CONTRACT) {
      const [method, path] = op.split(' ') as [string, string];
      const responses = Object.keys(doc.paths[path]![method]!.responses);
      expect(
        responses.some((code) => code.startsWith('2')),
        op,
      ).toBe(true);
      expect(responses, op).toContain('4XX');
    }
  });

  it('serves browsable docs at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

interface Operation {
  operationId?: string;
  requestBody?: unknown;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** The document as served, and each operation with a URL to call it at (ids that name nothing). */
async function operations(): Promise<{ doc: { paths: Paths }; ops: [string, string, Operation][] }> {
  const doc = (await t.api('GET', '/api/v1/openapi.json', null)).json() as { paths: Paths };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => [method, path, op] as [string, string, Operation]),
  );
  return { doc, ops };
}
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, 'no-such-id');

describe('OpenAPI fidelity (issue 12 item 14)', () => {
  it('Redocly lints the served document with zero problems, warnings counted as errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, (await t.api('GET', '/api/v1/openapi.json', null)).body);
      const { stdout } = await run(
        process.execPath,
        [REDOCLY, 'lint', file, '--config', resolve(ROOT, 'redocly.yaml'), '--format=json'],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('every operation has a unique operationId, and refusals are documented as problem+json', async () => {
    const { ops } = await operations();
    const ids = ops.map(([, , op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [method, path, op] of ops) {
      expect(Object.keys(op.responses['4XX']?.content ?? {}), `${method} ${path}`).toEqual([
        'application/problem+json',
      ]);
    }
    const served = await t.api('GET', '/members/no-such-id', ada);
    expect(served.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('the note’s documented maxLength is the one the server keeps: 300 code points after trimming', async () => {
    const { doc } = await operations();
    const body = doc.paths['/api/v1/invitations']!.post!.requestBody as {
      content: { 'application/json': { schema: { properties: { message: { maxLength?: number } } } } };
    };
    const documented = body.content['application/json'].schema.properties.message;
    expect(documented?.maxLength).toBe(300);
    const [a, b, c] = [await t.signUp('A'), await t.signUp('B'), await t.signUp('C')];
    const note = (n: number) => '😀'.repeat(n);
    const tooLong = await t.api('POST', '/invitations', a, { recipientId: b.id, message: note(301) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'validation_failed' });
    const padded = await t.api('POST', '/invitations', a, {
      recipientId: b.id,
      message: `\n  ${note(300)}  \n`,
    });
    expect(padded.statusCode).toBe(201);
    expect(padded.json().invitation.message).toBe(note(300));
    expect(
      (await t.api('POST', '/invitations', a, { recipientId: c.id, message: note(300) })).statusCode,
    ).toBe(201);
  });

  it('Retry-After, Set-Cookie and Content-Disposition are documented where the server sends them', async () => {
    const { doc } = await operations();
    const headers = (path: string, method: string, status: string) =>
      Object.keys(doc.paths[path]![method]!.responses[status]?.headers ?? {});
    expect(headers('/api/v1/auth/signup', 'post', '201')).toEqual(['set-cookie']);
    expect(headers('/api/v1/auth/login', 'post', '200')).toEqual(['set-cookie']);
    expect(headers('/api/v1/auth/logout', 'post', '204')).toEqual(['set-cookie']);
    expect(headers('/api/v1/auth/logout-everywhere', 'post', '204')).toEqual(['set-cookie']);
    for (const path of ['/api/v1/auth/signup', '/api/v1/auth/login', '/api/v1/invitations']) {
      expect(headers(path, 'post', '429'), path).toEqual(['retry-after']);
    }
    expect(headers('/api/v1/invitations/history', 'get', '200')).toEqual(['content-disposition']);
    const csv = await t.api('GET', '/invitations/history?format=csv', ada);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=/);
    const login = await t.api('POST', '/auth/login', null, { email: ada.email, password: ada.password });
    expect(String(login.headers['set-cookie'])).toMatch(/^rapport_session=/);
  });

  it('an operation that declares no body refuses one, and takes none or {} as no body', async () => {
    const { ops } = await operations();
    const bodiless = ops.filter(([method, , op]) => method !== 'get' && op.requestBody === undefined);
    expect(bodiless.map(([m, p]) => `${m} ${p}`)).toContain('post /api/v1/invitations/{id}/withdraw');
    const bob = await t.signUp('Bob');
    for (const [method, path] of bodiless) {
      const res = await t.app.inject({
        method: method.toUpperCase() as 'POST',
        url: urlOf(path),
        headers: { authorization: `Bearer ${bob.token}` },
        payload: { foo: 1 },
      });
      expect(res.statusCode, `${method} ${path}`).toBe(400);
      expect(res.json(), `${method} ${path}`).toMatchObject({ code: 'validation_failed' });
    }
    const invitation = (await t.api('POST', '/invitations', bob, { recipientId: ada.id })).json().invitation
      .id;
    expect((await t.api('POST', `/invitations/${invitation}/withdraw`, bob, {})).statusCode).toBe(204);
    expect((await t.api('POST', `/invitations/${invitation}/withdraw`, bob)).statusCode).toBe(204);
  });

  it('every GET refuses a query parameter it does not declare, as /notifications does', async () => {
    const { ops } = await operations();
    const gets = ops.filter(([method]) => method === 'get');
    expect(gets.length).toBeGreaterThan(12);
    // /admin paths read as missing to anyone but a moderator: a moderator asks those.
    const moderator = await t.signUp('Moderator');
    await t.deps.db.updateTable('members').set({ is_moderator: 1 }).where('id', '=', moderator.id).execute();
    for (const [, path, op] of gets) {
      // The parameters it requires, so the unknown one is the only fault.
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const query = [...required.map((p) => `${p.name}=x`), 'foo=1'].join('&');
      const res = await t.api('GET', `${urlOf(path)}?${query}`, path.includes('/admin') ? moderator : ada);
      expect(res.statusCode, path).toBe(400);
      expect(res.json(), path).toMatchObject({ code: 'validation_failed', errors: [{ path: '/foo' }] });
    }
    expect((await t.api('GET', '/invitations/sent?limit=5', ada)).statusCode).toBe(200);
  });

  it('a path answers a method it does not have with 405 and Allow; unknown and /admin paths stay 404', async () => {
    const put = await t.api('PUT', '/invitations', ada, {});
    expect(put.statusCode).toBe(405);
    expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(put.json()).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(put.headers.allow).toBe('POST');
    const del = await t.api('DELETE', '/members/some-id', ada);
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
    expect((await t.api('PUT', '/no/such/thing', ada)).statusCode).toBe(404);
    for (const url of ['/admin/reports', '/admin/members/some-id', '/admin/audit']) {
      const res = await t.api('PUT', url, ada, {});
      expect(res.statusCode, url).toBe(404);
      expect(res.headers.allow, url).toBeUndefined();
    }
  });
});
