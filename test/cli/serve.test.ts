import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../src/config.js';
import { startServer } from '../../src/http/server.js';
import { startSweeps } from '../../src/jobs/schedule.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { createCliDatabase, type CliDatabase } from './helpers.js';

vi.mock('../../src/jobs/sweep.js', () => ({ runSweep: vi.fn() }));

let cli: CliDatabase;
beforeEach(async () => {
  cli = await createCliDatabase();
});
afterEach(() => cli.close());

describe('O1 rapport serve', () => {
  it('O1 migrates, creates the demo network, listens, answers /healthz and the demo login, and shuts down', async () => {
    vi.mocked(runSweep).mockResolvedValue({
      expired: 0,
      autoWithdrawn: 0,
      remindersSent: 0,
      sessionsDeleted: 0,
      loginFailuresDeleted: 0,
    });
    const lines: string[] = [];
    const config = testConfig({ databaseUrl: cli.url, port: 0, demo: true, scryptLogN: 10 });
    const server = await startServer(config, { print: (l) => lines.push(l), webRoot: null, logger: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines).toContain(`Rapport is running at ${server.url}`);
      expect(lines).toContain('Demo login: demo@rapport.test / rapport-demo');

      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'demo@rapport.test', password: 'rapport-demo' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const received = await fetch(`${server.url}/api/v1/invitations/received`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await received.json()) as { total: number }).total).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('O1 without a built web app it warns at start, and / and web routes say how to build it (issue 12 item 10)', async () => {
    vi.mocked(runSweep).mockResolvedValue({
      expired: 0,
      autoWithdrawn: 0,
      remindersSent: 0,
      sessionsDeleted: 0,
      loginFailuresDeleted: 0,
    });
    const webRoot = mkdtempSync(join(tmpdir(), 'rapport-unbuilt-'));
    const lines: string[] = [];
    const config = testConfig({ databaseUrl: cli.url, port: 0, scryptLogN: 10 });
    const server = await startServer(config, { print: (l) => lines.push(l), webRoot, logger: false });
    try {
      expect(lines.find((l) => l.startsWith('Warning:'))).toMatch(/web app is not built.*npm run build/);
      for (const path of ['/', '/login', '/mynetwork/invitation-manager/sent']) {
        const page = await fetch(`${server.url}${path}`);
        expect(page.status, path).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await page.text();
        expect(html).toContain('The web app is not built yet');
        expect(html).toContain('npm run build');
      }
      const api = await fetch(`${server.url}/api/v1/nothing`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(404);
    } finally {
      await server.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('O1 a second start on the same database does not create the demo network again', async () => {
    const config = testConfig({ databaseUrl: cli.url, port: 0, demo: true, scryptLogN: 10 });
    await (await startServer(config, { print: () => {}, webRoot: null, logger: false })).close();
    const lines: string[] = [];
    await (await startServer(config, { print: (l) => lines.push(l), webRoot: null, logger: false })).close();
    expect(lines.some((l) => l.startsWith('Created the demo network'))).toBe(false);
    expect(lines).toContain('Demo login: demo@rapport.test / rapport-demo');
  });
});

describe('I9 the background sweep', () => {
  it('I9 runs at the interval, never two at once, logs a failure and keeps going, and stops cleanly', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    vi.mocked(runSweep).mockImplementation(async () => {
      calls += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      if (calls === 1) throw new Error('database is busy');
      return { expired: 0, autoWithdrawn: 0, remindersSent: 0, sessionsDeleted: 0, loginFailuresDeleted: 0 };
    });
    const log = { info: vi.fn(), error: vi.fn(), debug: vi.fn() };
    const sweeps = startSweeps({} as never, 0.005, log as never);
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    await sweeps.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(after);
    expect(most).toBe(1);
    expect(running).toBe(0);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      expect.any(String),
    );
  });

  it('I9 an interval of 0 turns it off', async () => {
    vi.mocked(runSweep).mockClear();
    const sweeps = startSweeps({} as never, 0, { info: vi.fn(), error: vi.fn() } as never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sweeps.stop();
    expect(runSweep).not.toHaveBeenCalled();
  });
});
