import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from '../../src/config.js';
import { openRuntime } from '../../src/runtime.js';
import { openTestSchema } from '../helpers/postgres.js';

describe('O2 RAPPORT_DB_POOL_SIZE: the connections one process may open (docs/scaling.md)', () => {
  it('O4 defaults to 10, reads the variable, refuses what is not a whole number from 1', () => {
    expect(loadConfig({}).dbPoolSize).toBe(10);
    expect(loadConfig({ RAPPORT_DB_POOL_SIZE: '4' }).dbPoolSize).toBe(4);
    expect(() => loadConfig({ RAPPORT_DB_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ RAPPORT_DB_POOL_SIZE: 'many' })).toThrow(ConfigError);
  });

  it('O2 a process never holds more pooled connections than its pool size', async () => {
    const schema = await openTestSchema(inject('pgTestDatabaseUrl'));
    const runtime = await openRuntime(testConfig({ databaseUrl: schema.url, dbPoolSize: 2 }));
    try {
      const pids = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.1)`.execute(
            runtime.deps.db,
          );
          return rows[0]?.pid;
        }),
      );
      expect(new Set(pids).size).toBe(2);
    } finally {
      await runtime.close();
      await schema.close();
    }
  });
});
