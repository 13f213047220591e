import { defineConfig } from 'vitest/config';

/**
 * One suite, every dialect (style.md §4): the `sqlite` project runs everything on in-memory
 * SQLite; the `postgres` project runs the same storage/HTTP/jobs/CLI suites with
 * TEST_DIALECT=postgres on a fresh PostgreSQL database per run (test/helpers/pgGlobalSetup.ts;
 * TEST_DATABASE_URL names another server), plus what only PostgreSQL has (test/postgres: the
 * LISTEN/NOTIFY bus) and the multi-process race suite (test/race). Browser flows and
 * SQLite's own query plans (test/sqlite) run once, on SQLite. `vitest --project sqlite` or `--project postgres` runs one of them.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Much of the suite waits on PostgreSQL, Chromium and child servers rather than the CPU, so
    // two workers on this 2-core machine roughly halve the wall time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', exclude: ['test/race/**', 'test/postgres/**', 'node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          exclude: ['test/browser/**', 'test/sqlite/**', 'node_modules/**'],
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['test/helpers/pgGlobalSetup.ts'],
        },
      },
    ],
  },
});
