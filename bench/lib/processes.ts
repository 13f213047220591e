import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free loopback port, found by letting the kernel choose one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resident set size now, in bytes (Linux /proc; 0 where it cannot be read). */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * Extra node flags for the server processes, e.g. BENCH_SERVER_NODE_FLAGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile the server under the benchmark's load.
 */
function serverNodeFlags(env: Record<string, string>): string[] {
  const flags = env.NODE_FLAGS ?? process.env.BENCH_SERVER_NODE_FLAGS ?? '';
  return flags.split(' ').filter(Boolean);
}

/**
 * Starts `script` (TypeScript, through tsx like `npm run dev`) on loopback and waits until it
 * prints `readyPattern`. Its output is kept in case it fails to start.
 */
export async function startServerProcess(
  script: string,
  env: Record<string, string>,
  readyPattern: RegExp,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeFlags(env), '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    rss: () => rssOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 200 ms while `work` runs; returns the peak seen. */
export async function peakRss<T>(
  server: ServerProcess,
  work: () => Promise<T>,
): Promise<{ result: T; peak: number }> {
  let peak = server.rss();
  const timer = setInterval(() => (peak = Math.max(peak, server.rss())), 200);
  try {
    const result = await work();
    peak = Math.max(peak, server.rss());
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
