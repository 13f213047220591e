import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * Loaded before the program: at exit it reports how many of Fastify's files were loaded.
 * Fastify is CommonJS, so whatever imports it, its files land in the require cache.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { createRequire } from 'node:module';
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const files = Object.keys(cache).filter((file) => file.includes('/node_modules/fastify/'));
  process.stderr.write('\\nfastify files loaded: ' + files.length + '\\n');
});`)}`;

const dir = mkdtempSync(join(tmpdir(), 'rapport-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs node on TypeScript with the probe; returns the output and how many Fastify files it loaded. */
async function node(args: string[], databaseName: string) {
  const result = await run(process.execPath, ['--import', 'tsx', '--import', PROBE, ...args], {
    env: { ...process.env, DATABASE_URL: join(dir, databaseName), RAPPORT_SCRYPT_LOG_N: '10' },
  }).catch((error: { stdout: string; stderr: string; code: number }) => error);
  const loaded = /fastify files loaded: (\d+)/.exec(result.stderr);
  return { ...result, fastifyFiles: loaded ? Number(loaded[1]) : null };
}

describe('O3 the command line starts from src/runtime.ts, not from the HTTP layer', () => {
  it('O3 `rapport sweep` and `rapport export` run without loading Fastify; the server does load it', async () => {
    const [sweep, exported, server] = await Promise.all([
      node(['src/cli/main.ts', 'sweep'], 'sweep.db'),
      node(['src/cli/main.ts', 'export', '--member', 'nobody@example.test'], 'export.db'),
      // The control: the probe does see Fastify when the HTTP layer is loaded.
      node(['--input-type=module', '-e', "await import('./src/http/server.ts')"], 'server.db'),
    ]);
    expect(sweep.stdout, sweep.stderr).toContain('Sweep done: 0 expired');
    expect(sweep.fastifyFiles).toBe(0);
    expect(exported.stderr).toContain('no member has the email "nobody@example.test"');
    expect(exported.fastifyFiles).toBe(0);
    expect(server.fastifyFiles).toBeGreaterThan(0);
  }, 120_000);
});
