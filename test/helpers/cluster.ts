/**
 * Real app processes on one PostgreSQL database, for the race and cross-process tests: each is
 * `rapport serve` on its own port, talking to the others only through the database, exactly as
 * behind a load balancer. The compiled CLI (dist/, as CI builds it) starts in a third of the
 * time, so it is used when it is newer than every source file; otherwise src/ runs through tsx.
 * RAPPORT_TEST_SERVER=dist|tsx forces one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { createDatabase, dropDatabase } from './postgres.js';
import { testBusUrl, uniqueChannel } from './redis.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** True when dist/ holds a build at least as new as every file under src/. */
export function builtServerIsFresh(): boolean {
  const src = resolve(ROOT, 'src');
  const stack = [src];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts') &&
        !entry.name.endsWith('.test.ts')
      ) {
        const built = resolve(ROOT, 'dist', relative(src, path).replace(/\.ts$/, '.js'));
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) return false;
      }
    }
  }
  return true;
}

function serverArgs(): string[] {
  const choice = process.env.RAPPORT_TEST_SERVER ?? (builtServerIsFresh() ? 'dist' : 'tsx');
  const cli = pathToFileURL(resolve(ROOT, choice === 'dist' ? 'dist/cli/main.js' : 'src/cli/main.ts')).href;
  // Runs `rapport serve`, and ends it (gracefully) when the test process that started it goes away.
  const entry = `
process.stdin.on('close', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
const { main } = await import(${JSON.stringify(cli)});
await main(['node', 'rapport', 'serve']);
`;
  return [...(choice === 'dist' ? [] : ['--import', 'tsx']), '--input-type=module', '-e', entry];
}

export interface AppProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  child: ChildProcess;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  output: string[];
}

export interface Cluster {
  databaseUrl: string;
  /** The Redis channel its processes share, when the `redis` project runs them on the Redis bus. */
  busChannel: string | null;
  /** A connection of the test's own, to look at what the processes wrote. */
  storage: Storage;
  processes: AppProcess[];
  /** The recent output of every process, for a failure message. */
  logs(): string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  processes?: number;
  /** Environment for every process, on top of the defaults below (see design/api.md). */
  env?: Record<string, string>;
}

export const CLUSTER_DEFAULT_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  RAPPORT_DEMO: '0',
  RAPPORT_SCRYPT_LOG_N: '10',
  RAPPORT_SIGNUPS_PER_HOUR: '10000000',
  // Every process sweeps, often, so the sweeps race the requests and each other too.
  RAPPORT_SWEEP_INTERVAL_SECONDS: '1',
  LOG_LEVEL: 'warn',
};

/** Starts `processes` app processes on a fresh database; close() stops them and drops it. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const databaseUrl = await createDatabase('rapport_race');
  const processes: AppProcess[] = [];
  const storage = openStorage(databaseUrl, { poolSize: 4 });
  // The `redis` project runs the same suites with live events on Redis pub/sub, each cluster on
  // a channel of its own so that parallel runs never see each other's events.
  const busUrl = testBusUrl();
  const busChannel = busUrl ? uniqueChannel('rapport_race') : null;
  const busEnv: Record<string, string> =
    busUrl && busChannel ? { RAPPORT_BUS_URL: busUrl, RAPPORT_BUS_CHANNEL: busChannel } : {};
  const close = async () => {
    await Promise.all(processes.map(stop));
    await storage.close();
    await dropDatabase(databaseUrl);
  };
  try {
    const started = await Promise.all(
      Array.from({ length: options.processes ?? 3 }, () =>
        startProcess(
          { ...CLUSTER_DEFAULT_ENV, ...busEnv, ...options.env, DATABASE_URL: databaseUrl },
          processes,
        ),
      ),
    );
    return {
      databaseUrl,
      busChannel,
      storage,
      processes: started,
      logs: () =>
        processes.map((p, i) => `--- process ${i} (${p.url}) ---\n${p.output.join('\n')}`).join('\n'),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startProcess(env: Record<string, string>, all: AppProcess[]): Promise<AppProcess> {
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: { ...process.env, ...env, TEST_DIALECT: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const proc: AppProcess = { url: '', child, output: [] };
  all.push(proc);
  const remember = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim() === '') continue;
      proc.output.push(line);
      if (proc.output.length > 300) proc.output.shift();
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  proc.url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start within 60 s:\n${proc.output.join('\n')}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /Rapport is running at (http:\/\/\S+)/.exec(String(chunk));
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before serving:\n${proc.output.join('\n')}`));
    });
  });
  await waitForHealth(proc.url);
  return proc;
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/healthz never answered 200`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(proc: AppProcess): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
  /** Which process answered, and what was asked: for failure messages. */
  where: string;
}

/** One API call to one process, as a member (Bearer token) or anonymously. */
export async function call(
  proc: AppProcess,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('/api/') || path.startsWith('/healthz') ? path : `/api/v1${path}`;
  const res = await fetch(`${proc.url}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers, where: `${method} ${url} @ ${proc.url}` };
}
