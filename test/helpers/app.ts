import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CompiledQuery } from 'kysely';
import { inject } from 'vitest';
import { DAY, ManualClock } from '../../src/clock.js';
import type { Deps } from '../../src/commands/deps.js';
import { testConfig, type Config } from '../../src/config.js';
import { InProcessBus } from '../../src/events/bus.js';
import { buildApp } from '../../src/http/app.js';
import { Metrics } from '../../src/metrics.js';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openTestSchema } from './postgres.js';

export interface TestMember {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: ManualClock;
  /** Calls the API as a member (Bearer) or anonymously (null). Bodies are sent as JSON. */
  api(
    method: string,
    url: string,
    as: TestMember | string | null,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  signUp(name?: string, extra?: { headline?: string; email?: string }): Promise<TestMember>;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh app on its own database, with a clock that only moves when a test moves it. */
export async function createTestApp(
  options: { config?: Partial<Config>; start?: number; onQuery?: (query: CompiledQuery) => void } = {},
): Promise<TestApp> {
  // Sessions outlive the long jumps in time that expiry tests make, unless a test says otherwise.
  const config = testConfig({ signupsPerHour: 1_000_000, sessionDays: 3650, ...options.config });
  const storage = await openTestStorage(config, options.onQuery);
  await migrateToLatest(storage.db);
  const clock = new ManualClock(options.start ?? Date.UTC(2026, 10, 1, 12, 0, 0));
  const deps: Deps = {
    db: storage.db,
    dialect: storage.dialect,
    clock,
    config,
    bus: new InProcessBus(),
    metrics: new Metrics(),
  };
  const app = await buildApp(deps, { webRoot: null });
  await app.ready();

  const api: TestApp['api'] = (method, url, as, body) => {
    const token = typeof as === 'string' ? as : as?.token;
    return app.inject({
      method: method as 'GET',
      url:
        url.startsWith('/') &&
        !url.startsWith('/api/') &&
        !url.startsWith('/healthz') &&
        !url.startsWith('/metrics')
          ? `/api/v1${url}`
          : url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  };

  const signUp: TestApp['signUp'] = async (name, extra = {}) => {
    counter += 1;
    const memberName = name ?? `Member ${counter}`;
    const email = extra.email ?? `member${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const password = 'correct horse battery';
    const res = await api('POST', '/auth/signup', null, {
      email,
      password,
      name: memberName,
      headline: extra.headline ?? `${memberName}'s headline`,
    });
    if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { member: { id: string }; token: string };
    return { id: body.member.id, name: memberName, email, password, token: body.token };
  };

  return {
    app,
    deps,
    clock,
    api,
    signUp,
    close: async () => {
      await app.close();
      await deps.bus.close();
      await storage.close();
    },
  };
}

export { DAY };

/** The dialect this test run exercises: TEST_DIALECT=postgres (the `postgres` vitest project) or SQLite. */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The test database: SQLite in memory, or under TEST_DIALECT=postgres a schema of its own in the
 * run's PostgreSQL database (see test/helpers/postgres.ts). An explicit databaseUrl is honoured.
 */
async function openTestStorage(config: Config, onQuery?: (query: CompiledQuery) => void): Promise<Storage> {
  if (testDialect !== 'postgres' || config.databaseUrl !== ':memory:') {
    return openStorage(config.databaseUrl, onQuery ? { onQuery } : {});
  }
  const runDatabase = inject('pgTestDatabaseUrl');
  if (!runDatabase) {
    throw new Error(
      'TEST_DIALECT=postgres needs test/helpers/pgGlobalSetup.ts: run `vitest --project postgres`',
    );
  }
  const storage = await openTestSchema(runDatabase, undefined, { onQuery });
  config.databaseUrl = storage.url;
  return storage;
}

/** Asserts an RFC 9457 problem with the given status and code, and returns its body. */
export function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code: string,
): Record<string, unknown> {
  const type = String(res.headers['content-type'] ?? '');
  const body = res.json() as Record<string, unknown>;
  if (res.statusCode !== status || body.code !== code || !type.startsWith('application/problem+json')) {
    throw new Error(`expected ${status} ${code}, got ${res.statusCode} ${type} ${res.body}`);
  }
  return body;
}
