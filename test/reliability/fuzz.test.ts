import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestApp } from '../helpers/app.js';
import {
  snapshotDatabase,
  snapshotDiff,
  withoutTables,
  type DatabaseSnapshot,
} from '../helpers/dbSnapshot.js';
import { injectWhole, type InjectedAnswer } from '../helpers/inject.js';
import {
  documentedRoutes,
  fillPath,
  pathParams,
  registeredRoutes,
  routeKey,
  type RegisteredRoute,
} from '../helpers/routeTable.js';
import { setModerator } from '../../src/commands/setModerator.js';
import { startSession } from '../../src/commands/startSession.js';
import { buildWorld, type World } from '../helpers/world.js';

/**
 * Every endpoint the app registers — read from its own route table, so a new endpoint is fuzzed
 * without editing this file — gets random and hostile requests: bodies of wrong types, huge and
 * deeply nested values, unicode with lone surrogates and control characters, prototype-pollution
 * keys, malformed JSON under every content type, odd query strings and path ids, bogus auth.
 *
 * The bar (design/api.md "No request, however malformed, yields a 5xx or a stack trace"): every
 * answer is a 2xx or a 4xx `application/problem+json` with a string `code`, and a 4xx changes no
 * row in any table. FUZZ_RUNS (cases per API route, default 25) and FUZZ_SEED run it longer locally.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

// The route table, read once from a real app before the tests are declared.
const probe = await createTestApp();
const ROUTES = registeredRoutes(probe.app);
const OPENAPI = (await probe.api('GET', '/api/v1/openapi.json', null)).json() as OpenApi;
await probe.close();

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}
interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
}

function operationOf(route: RegisteredRoute): Operation | undefined {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return OPENAPI.paths[path]?.[route.method.toLowerCase()];
}

// ---------- hostile values ----------

const nastyChars = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\ud800',
  '\udfff',
  '\uffff',
  '\ufffd',
  '🦄',
  'é',
  'e\u0301',
  'ß',
  'İ',
  '%',
  '\\',
  '"',
  "'",
  '<',
  '&',
  '\n',
  '\r',
  '\t',
  ' ',
  '_',
  '*',
  '?',
  '#',
  '/',
  '.',
  ':',
  ';',
  ',',
  '=',
  '+',
);

const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc.oneof(nastyChars, fc.string({ minLength: 1, maxLength: 1 })),
      maxLength: 40,
    }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      'true',
      '__proto__',
      'constructor',
      'prototype',
      '0',
      '-1',
      '1e309',
      'NaN',
      "' OR 1=1 --",
      '"; drop table members; --',
      '%00',
      '../../../etc/passwd',
      '<script>alert(1)</script>',
      '${7*7}',
      '0000000-0000-7000-8000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 190, max: 12_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => '🦄'.repeat(n)) },
);

const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 40_000 }),
  fc.constantFrom(0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53, 2 ** 63, Number.MIN_VALUE, 36_501, 10_001),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function hostileValue(): fc.Arbitrary<unknown> {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      hostileNumber,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'ids', 'all')),
        tie('value'),
        {
          maxKeys: 4,
        },
      ),
    ),
  })).value;
}

// ---------- values that look right, so requests also get past validation ----------

let world: World;

function idPool(): string[] {
  return [
    ...world.members.map((m) => m.id),
    ...world.invitationIds,
    ...Object.values(world.notifications).flat(),
  ];
}

function plausibleString(name: string, schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'email' || /email/i.test(name)) {
    return fc.constantFrom(
      ...world.members.map((m) => m.email),
      'new-member@example.test',
      ' ADA@example.test ',
    );
  }
  if (/password/i.test(name)) return fc.constantFrom('wrong password', 'another long one', 'short');
  if (/id/i.test(name) || name === 'items') return fc.constantFrom(...idPool());
  return fc.constantFrom('Ada', 'a', 'hello there', 'everyone', 'email_required');
}

/** A value for a JSON schema: usually one that fits, sometimes a hostile one of any type. */
function fromSchema(schema: JsonSchema | undefined, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue();
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s) => fromSchema(s, name, depth + 1)), hostileValue());
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), hostileValue());
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let fitting: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) record[key] = fromSchema(sub, key, depth + 1);
      fitting = fc
        .tuple(
          fc.record(record, { requiredKeys: [] }),
          fc.option(
            fc.tuple(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor')), hostileValue()),
            {
              freq: 4,
            },
          ),
        )
        .map(([obj, extra]) => {
          if (!extra) return obj;
          const copy: Record<string, unknown> = { ...obj };
          Object.defineProperty(copy, extra[0], {
            value: extra[1],
            enumerable: true,
            configurable: true,
            writable: true,
          });
          return copy;
        });
      break;
    }
    case 'array':
      fitting = fc.oneof(
        fc.array(fromSchema(schema.items, name === 'ids' ? 'id' : name, depth + 1), { maxLength: 6 }),
        fc.integer({ min: 1001, max: 10_050 }).map((n) => Array.from({ length: n }, (_, i) => `id-${i}`)),
      );
      break;
    case 'string':
      fitting = fc.oneof(plausibleString(name, schema), hostileString);
      break;
    case 'integer':
    case 'number':
      fitting = hostileNumber;
      break;
    case 'boolean':
      fitting = fc.boolean();
      break;
    case 'null':
      fitting = fc.constant(null);
      break;
    default:
      return hostileValue();
  }
  return fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: hostileValue() });
}

// ---------- raw bodies and content types ----------

function deepJson(n: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
}

const rawBody = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '{',
    '}',
    '{"a":}',
    "{'a':1}",
    'nul',
    'null',
    'true',
    '0',
    '"text"',
    '[1,]',
    '\ufeff{}',
    '{"a":1}{"b":2}',
    '"\\ud800"',
    '{"ids":["\\u0000"]}',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"recipientId":"x","__proto__":{"polluted":1}}',
    '{"memberId":{"$gt":""}}',
    'a=1&b=2',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    '\u0000\u0001\u0002',
  ),
  fc.integer({ min: 20, max: 20_000 }).map((n) => deepJson(n, 'array')),
  fc.integer({ min: 20, max: 5_000 }).map((n) => deepJson(n, 'object')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // Over the 1 MB body limit (rarely: it is slow).
  fc.constant(null).map(() => JSON.stringify({ message: 'x'.repeat(1024 * 1024 + 10) })),
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/problem+json',
      'application/vnd.api+json',
      'application/json, text/plain',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
      ';',
      'application/',
      '*/*',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

// ---------- URLs ----------

function percentBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
}

function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return percentBytes(text); // lone surrogates: their UTF-8 replacement
  }
}

const pathValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...idPool()) },
    { weight: 4, arbitrary: hostileString.map(encodeLoosely) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%00',
        'x%00',
        '%FF',
        '%C3%28',
        '%ED%A0%80',
        '%F0%28%8C%28',
        '%',
        '%zz',
        '%E0%A4%A',
        '..',
        '.',
        '%2F',
        '%2e%2e%2f',
        '%20',
        '+',
        'undefined',
        'null',
        '%5B%5D',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 190, max: 1200 }).map((n) => 'a'.repeat(n)) },
  );

function queryNames(route: RegisteredRoute): string[] {
  const fromDoc = (operationOf(route)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  return [...new Set([...fromDoc, 'limit', 'cursor'])];
}

const queryValue = fc.oneof(
  hostileString,
  hostileNumber.map(String),
  fc.constantFrom(
    '1',
    '20',
    '100',
    '101',
    '0',
    '-1',
    '1.5',
    'csv',
    'json',
    'true',
    'eyJ0IjoxfQ',
    'WzEsIngiXQ',
  ),
);

function queryString(route: RegisteredRoute): fc.Arbitrary<string> {
  const names = queryNames(route);
  const pair = fc.tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...names) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('__proto__', 'constructor[prototype][polluted]', 'a[]', 'limit[]', ''),
      },
      { weight: 1, arbitrary: hostileString },
    ),
    queryValue,
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(pair, { maxLength: 4 })
        .map((pairs) => pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`).join('&')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '&&&',
        '=',
        'a=%E0%A4%A',
        'limit=1&limit=2',
        'query',
        'query=',
        'cursor=%00',
        'query=%00',
      ),
    },
  );
}

// ---------- who asks ----------

type Auth =
  | 'bearer'
  | 'cookie-same-origin'
  | 'cookie-no-origin'
  | 'cookie-cross-site'
  | 'cookie-cross-origin'
  | 'none'
  | 'bogus-bearer'
  | 'expired-looking'
  | 'basic'
  | 'huge-bearer'
  | 'garbage-cookie'
  | 'other-member';

const authArb: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Auth>('bearer') },
  {
    weight: 5,
    arbitrary: fc.constantFrom<Auth>(
      'cookie-same-origin',
      'cookie-no-origin',
      'cookie-cross-site',
      'cookie-cross-origin',
      'none',
      'bogus-bearer',
      'expired-looking',
      'basic',
      'huge-bearer',
      'garbage-cookie',
      'other-member',
    ),
  },
);

function authHeaders(auth: Auth): Record<string, string> {
  const token = world.ada.token;
  switch (auth) {
    case 'bearer':
      return { authorization: `Bearer ${token}` };
    case 'other-member':
      return { authorization: `Bearer ${world.bob.token}` };
    case 'cookie-same-origin':
      return {
        cookie: `rapport_session=${token}`,
        origin: 'http://localhost:80',
        'sec-fetch-site': 'same-origin',
      };
    case 'cookie-no-origin':
      return { cookie: `rapport_session=${token}` };
    case 'cookie-cross-site':
      return {
        cookie: `rapport_session=${token}`,
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.test',
      };
    case 'cookie-cross-origin':
      return { cookie: `rapport_session=${token}`, origin: 'https://evil.test' };
    case 'none':
      return {};
    case 'bogus-bearer':
      return { authorization: 'Bearer not-a-token' };
    case 'expired-looking':
      return { authorization: `Bearer ${token.slice(0, -2)}xx` };
    case 'basic':
      return { authorization: 'Basic YWRhOmFkYQ==' };
    case 'huge-bearer':
      return { authorization: `Bearer ${'A'.repeat(8000)}` };
    case 'garbage-cookie':
      return { cookie: 'rapport_session=%E0%A4%A; rapport_session="unterminated; =; ;;' };
  }
}

// ---------- one case ----------

interface Case {
  path: Record<string, string>;
  wildcard: string;
  query: string;
  auth: Auth;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown; type: string | undefined }
    | { kind: 'raw'; text: string; type: string | undefined };
  extraHeaders: Record<string, string>;
}

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'accept',
    'x-forwarded-for',
    'accept-language',
    'x-requested-with',
    'if-none-match',
    'range',
    'accept-encoding',
  ),
  fc.oneof(
    fc.constantFrom('*/*', 'text/csv', 'application/xml', '1.2.3.4, ::1', 'bytes=0-1', 'gzip, br', 'W/"x"'),
    hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  ),
  { maxKeys: 2 },
);

function caseFor(route: RegisteredRoute): fc.Arbitrary<Case> {
  const params = pathParams(route.url);
  const pathArb = fc.record(Object.fromEntries(params.map((p) => [p, pathValue()]))) as fc.Arbitrary<
    Record<string, string>
  >;
  const takesBody = !['GET', 'HEAD'].includes(route.method);
  const schema = operationOf(route)?.requestBody?.content?.['application/json']?.schema;
  const body: fc.Arbitrary<Case['body']> = takesBody
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record({
            kind: fc.constant('json' as const),
            value: fromSchema(schema),
            type: contentType,
          }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('json' as const),
            value: hostileValue(),
            type: contentType,
          }),
        },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant('raw' as const), text: rawBody, type: contentType }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      )
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('raw' as const), text: rawBody, type: contentType }),
        },
      );
  return fc.record({
    path: pathArb,
    wildcard: fc.oneof(
      pathValue(),
      fc.constantFrom('index.html', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', 'static/../../x'),
    ),
    query: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 2, arbitrary: queryString(route) }),
    auth: authArb,
    body,
    extraHeaders,
  });
}

function requestFor(route: RegisteredRoute, c: Case): InjectOptions {
  const url = fillPath(route.url, c.path, c.wildcard) + (c.query ? `?${c.query}` : '');
  const headers: Record<string, string> = { ...c.extraHeaders, ...authHeaders(c.auth) };
  const options: InjectOptions = { method: route.method as 'GET', url, headers };
  if (c.body.kind === 'json') {
    if (c.body.type !== undefined) headers['content-type'] = c.body.type;
    options.payload = c.body.value === undefined ? 'null' : JSON.stringify(c.body.value);
  } else if (c.body.kind === 'raw') {
    if (c.body.type !== undefined) headers['content-type'] = c.body.type;
    options.payload = c.body.text;
  }
  return options;
}

// ---------- the bar ----------

/** What is wrong with an answer, or null. */
function judge(route: RegisteredRoute, res: InjectedAnswer): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 500)}`;
  if (res.statusCode >= 300 && res.statusCode < 400) {
    // The API documentation viewer redirects to its own index; nothing else may redirect.
    return route.url.startsWith('/api/docs') && res.headers.location ? null : `answered ${res.statusCode}`;
  }
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return `a ${res.statusCode} as ${type || 'no content type'}: ${res.body.slice(0, 200)}`;
  if (route.method === 'HEAD') return null;
  let problem: { code?: unknown; status?: unknown };
  try {
    problem = JSON.parse(res.body) as typeof problem;
  } catch {
    return `a ${res.statusCode} whose body is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (typeof problem.code !== 'string')
    return `a ${res.statusCode} without a string code: ${res.body.slice(0, 200)}`;
  if (problem.status !== res.statusCode)
    return `status ${res.statusCode} but the problem says ${String(problem.status)}`;
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(res.body))
    return `a stack trace in the answer: ${res.body.slice(0, 300)}`;
  return null;
}

/** Refusals that may leave a row behind: a failed sign-in is counted for throttling (A1). */
function allowedTraces(route: RegisteredRoute, status: number): string[] {
  if (route.url === '/api/v1/auth/login' && (status === 401 || status === 429)) return ['login_failures'];
  return [];
}

const figures = { cases: 0, by2xx: 0, by3xx: 0, by4xx: 0, by5xx: 0, routes: 0 };

afterAll(() => {
  console.info(
    `[issue-6 figures] fuzz (${testDialect}): ${figures.cases} cases over ${figures.routes} routes — ` +
      `${figures.by2xx} 2xx, ${figures.by3xx} 3xx, ${figures.by4xx} 4xx, ${figures.by5xx} 5xx`,
  );
});

let t: TestApp;
let current: DatabaseSnapshot;

// One app and one world for the whole file: the cases of one route run against whatever the
// cases before them left, which is what a long-lived server sees too.
beforeAll(async () => {
  // Throttles stay on but out of the way, so most requests reach the handlers.
  t = await createTestApp({ config: { loginAttempts: 1_000_000 } });
  world = await buildWorld(t);
  // Ada moderates, so the /admin routes are fuzzed past their gate (Bob, "other-member", is not).
  await setModerator(t.deps, { email: world.ada.email, moderator: true });
  current = await snapshotDatabase(t.deps.db);
});
afterAll(async () => {
  await t.close();
});

/**
 * Keeps Ada and Bob signed in: a fuzzed logout or password change may end a session. Returns
 * whether it had to write anything.
 */
async function keepSessionsAlive(): Promise<boolean> {
  let wrote = false;
  for (const m of [world.ada, world.bob]) {
    if ((await t.api('GET', '/me', m)).statusCode === 200) continue;
    wrote = true;
    const exists = await t.deps.db
      .selectFrom('members')
      .select('id')
      .where('id', '=', m.id)
      .executeTakeFirst();
    if (exists) m.token = (await startSession(t.deps, t.deps.db, m.id)).token;
    else Object.assign(m, await t.signUp(m.name));
  }
  return wrote;
}

/** Cases per route: the API's own routes get the most; HEAD twins, docs and ops fewer. */
function runsFor(route: RegisteredRoute): number {
  if (route.method === 'HEAD' || !route.url.startsWith('/api/v1/')) return Math.max(1, Math.round(RUNS / 5));
  return RUNS;
}

async function fuzzRoute(route: RegisteredRoute): Promise<void> {
  figures.routes += 1;
  await fc.assert(
    fc.asyncProperty(caseFor(route), async (c) => {
      const request = requestFor(route, c);
      const res = await injectWhole(t.app, request);
      figures.cases += 1;
      const bucket =
        res.statusCode >= 500
          ? 'by5xx'
          : res.statusCode >= 400
            ? 'by4xx'
            : res.statusCode >= 300
              ? 'by3xx'
              : 'by2xx';
      figures[bucket] += 1;
      const problem = judge(route, res);
      if (problem) throw new Error(`${request.method} ${String(request.url)} ${problem}`);
      const after = await snapshotDatabase(t.deps.db);
      if (res.statusCode >= 400) {
        const skip = allowedTraces(route, res.statusCode);
        const diff = snapshotDiff(withoutTables(current, skip), withoutTables(after, skip));
        if (diff.length > 0) {
          throw new Error(
            `${request.method} ${String(request.url)} answered ${res.statusCode} but changed:\n${diff.join('\n')}`,
          );
        }
        current = after;
      } else {
        current = (await keepSessionsAlive()) ? await snapshotDatabase(t.deps.db) : after;
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
    }),
    { numRuns: runsFor(route), seed: SEED + ROUTES.indexOf(route), endOnFailure: true },
  );
}

describe('fuzz every endpoint: never a 5xx, a 4xx is problem+json and changes nothing', () => {
  it('the route table is read from the app and agrees with the OpenAPI document', () => {
    const keys = new Set(ROUTES.map(routeKey));
    for (const documented of documentedRoutes(OPENAPI)) expect(keys).toContain(routeKey(documented));
    expect(ROUTES.length).toBeGreaterThan(30);
  });

  for (const route of ROUTES) {
    it(`${routeKey(route)}`, async () => {
      await fuzzRoute(route);
    });
  }

  it('unknown paths and methods anywhere answer a 2xx or a problem, never a 5xx', async () => {
    const anyPath = fc.tuple(
      fc.constantFrom('/', '/api/', '/api/v1/', '/api/v2/', '/metrics/', '/healthz/', '/api/v1/invitations/'),
      fc.array(pathValue(), { minLength: 1, maxLength: 3 }),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
    await fc.assert(
      fc.asyncProperty(anyPath, method, authArb, async ([base, parts], m, auth) => {
        const url = base + parts.join('/');
        const res = await injectWhole(t.app, { method: m as 'GET', url, headers: authHeaders(auth) });
        figures.cases += 1;
        const bucket =
          res.statusCode >= 500
            ? 'by5xx'
            : res.statusCode >= 400
              ? 'by4xx'
              : res.statusCode >= 300
                ? 'by3xx'
                : 'by2xx';
        figures[bucket] += 1;
        const problem = judge({ method: m, url: '/unmatched' }, res);
        if (problem) throw new Error(`${m} ${url} ${problem}`);
      }),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
    );
    expect(snapshotDiff(current, await snapshotDatabase(t.deps.db))).toEqual([]);
  });
});

describe('after the fuzzing', () => {
  it('N1 no request left a live stream subscribed (HEAD on the stream used to leak one each time)', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(t.deps.bus.subscriberCount()).toBe(0);
  });
});

describe('regressions the fuzzer found', () => {
  it('N1 HEAD on the live stream answers the stream’s headers and opens no subscription', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'HEAD',
        url: '/api/v1/notifications/stream',
        headers: { authorization: `Bearer ${world.ada.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(t.deps.bus.subscriberCount()).toBe(0);
  });

  async function expectNotFound(method: string, url: string, body?: unknown): Promise<void> {
    const before = await snapshotDatabase(t.deps.db);
    const res = await t.api(method, url, world.ada, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(snapshotDiff(before, await snapshotDatabase(t.deps.db))).toEqual([]);
  }

  it('a path id the router cannot percent-decode is an unknown id: 404 problem, not the router’s bare 400', async () => {
    await expectNotFound('GET', '/members/%E0%A4%A');
    await expectNotFound('DELETE', '/connections/%zz');
    await expectNotFound('POST', '/invitations/%FF/accept');
    await expectNotFound('POST', '/invitations/%F0%28%8C%28/ignore');
    await expectNotFound('POST', '/invitations/%ED%A0%80/withdraw');
  });

  it('a path id of any length is an unknown id: 404 problem, not the router’s bare 414 or a 400', async () => {
    await expectNotFound('GET', `/members/${'a'.repeat(201)}`);
    await expectNotFound('DELETE', `/blocks/${'x'.repeat(600)}`);
    await expectNotFound('POST', `/invitations/${'a'.repeat(5000)}/withdraw`);
  });

  it('A3 I4 U+0000 anywhere is looked up like any other unknown text (PostgreSQL answered 500, SQLite matched all)', async () => {
    await expectNotFound('GET', '/members/%00');
    await expectNotFound('GET', '/members/x%00');
    await expectNotFound('POST', '/invitations/%00/accept');
    await expectNotFound('POST', '/invitations/..%2f..%2fpackage.jsonr%00%2Bb%C2%85Xe/withdraw');
    await expectNotFound('POST', '/invitations', { recipientId: `${world.bob.id}\u0000` });
    await expectNotFound('POST', '/blocks', { memberId: '\u0000' });

    // SQLite's LIKE stopped reading the pattern at U+0000, so "%\0%" matched every name there.
    const search = await t.api('GET', '/members?query=%00', world.ada);
    expect(search.statusCode).toBe(200);
    expect(search.json()).toEqual({ items: [], nextCursor: null, total: 0 });
    const sent = await t.api('GET', '/invitations/sent?query=%00', world.ada);
    expect(sent.json()).toEqual({ items: [], nextCursor: null, total: 0 });
    const bulk = await t.api('POST', '/invitations/withdraw', world.ada, {
      ids: ['\u0000', `${world.adaToBob}\u0000`],
    });
    expect(bulk.json()).toEqual({ withdrawn: [], skipped: ['\u0000', `${world.adaToBob}\u0000`] });
    const login = await t.api('POST', '/auth/login', null, {
      email: `${world.ada.email}\u0000`,
      password: 'x',
    });
    expect(login.statusCode).toBe(401);
  });
});
