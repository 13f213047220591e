import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

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
beforeAll(async () => {
  t = await createTestApp();
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
