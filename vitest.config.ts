import { defineConfig } from 'vitest/config';

/**
 * One suite, every dialect (style.md §4): the `sqlite` project runs everything on in-memory
 * SQLite; the `postgres` project runs the same storage/HTTP/jobs/CLI suites with
 * TEST_DIALECT=postgres on a fresh PostgreSQL database per run (test/helpers/pgGlobalSetup.ts;
 * TEST_DATABASE_URL names another server), plus what only PostgreSQL has (test/postgres: the
 * LISTEN/NOTIFY bus) and the multi-process race suite (test/race). Browser flows and
 * SQLite's own query plans (test/sqlite) run once, on SQLite. The `redis` project runs the Redis
 * pub/sub bus's own tests (test/redis) and the multi-process live and race suites again with
 * RAPPORT_BUS_URL set (TEST_BUS_URL; TEST_REDIS_URL names another server, as for the bus tests).
 * `vitest --project sqlite`, `--project postgres` or `--project redis` runs one of them.
 */
/** Per project, not at the top: `extends: true` would add the top-level list to the redis project's. */
const EVERY_SUITE = ['test/**/*.test.ts', 'src/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Much of the suite waits on PostgreSQL, Chromium and child servers rather than the CPU, so
    // two workers on this 2-core machine roughly halve the wall time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: EVERY_SUITE,
          exclude: ['test/race/**', 'test/postgres/**', 'test/redis/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: EVERY_SUITE,
          exclude: ['test/browser/**', 'test/sqlite/**', 'test/redis/**', 'node_modules/**'],
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['test/helpers/pgGlobalSetup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'redis',
          include: ['test/redis/**/*.test.ts', 'test/race/**/*.test.ts'],
          env: {
            TEST_DIALECT: 'postgres',
            TEST_BUS_URL: process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
          },
          globalSetup: ['test/helpers/redisGlobalSetup.ts'],
        },
      },
    ],
  },
});
