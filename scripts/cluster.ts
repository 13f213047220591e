/**
 * A three-process Rapport on one PostgreSQL, behind a round-robin load balancer, to try what
 * docs/scaling.md describes:
 *
 *   npm run cluster            (builds, then runs this with tsx)
 *
 * Open http://127.0.0.1:3000 (the balancer: every request goes to the next process) or one
 * process directly on 3001–3003. Sign in on one, and your session works on all of them; send an
 * invitation through one while the recipient's page is open on another and watch it arrive, then
 * withdraw it and watch it vanish. Ctrl-C stops everything.
 *
 * Settings (environment): DATABASE_URL (default postgres://postgres@127.0.0.1:5432/rapport_cluster,
 * created when missing), CLUSTER_PORT (3000; the processes take the next three ports),
 * CLUSTER_PROCESSES (3), RAPPORT_DEMO (1: demo members on an empty database), and every
 * RAPPORT_* variable of design/api.md, passed to each process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const RAPPORT = resolve(ROOT, 'bin/rapport.js');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport_cluster';
const port = Number(process.env.CLUSTER_PORT ?? 3000);
const count = Number(process.env.CLUSTER_PROCESSES ?? 3);
const children: ChildProcess[] = [];

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database "${name.replaceAll('"', '""')}"`);
      console.log(`cluster: created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function run(args: string[], env: Record<string, string>, label: string): ChildProcess {
  const child = spawn(process.execPath, [RAPPORT, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    String(chunk)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `[${label}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

async function healthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

/** Round robin, one request at a time; streams (the live events) are piped as they flow. */
function balance(backends: string[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', backends[next++ % backends.length]);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
}

async function main(): Promise<void> {
  await ensureDatabase(databaseUrl);
  // Migrate once, then start the first process alone so only it may create the demo network.
  if ((await exited(run(['migrate'], {}, 'migrate'))) !== 0) throw new Error('migration failed');
  const urls = Array.from({ length: count }, (_, i) => `http://127.0.0.1:${port + 1 + i}`);
  for (const [i, url] of urls.entries()) {
    run(
      ['serve'],
      { PORT: String(port + 1 + i), RAPPORT_DEMO: i === 0 ? (process.env.RAPPORT_DEMO ?? '1') : '0' },
      `app ${i + 1}`,
    );
    if (i === 0) await healthy(url);
  }
  await Promise.all(urls.map(healthy));
  const balancer = balance(urls);
  balancer.listen(port, '127.0.0.1');
  console.log(`cluster: ${count} processes on ${databaseUrl}`);
  console.log(`cluster: load balancer on http://127.0.0.1:${port}; processes at ${urls.join(', ')}`);
  console.log('cluster: Ctrl-C stops everything');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    balancer.close();
    balancer.closeAllConnections();
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => (c.kill('SIGTERM'), exited(c))));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping && code !== 0) {
        console.error(`cluster: a process exited with ${code}; stopping the others`);
        void stop();
      }
    });
  }
}

main().catch((error: unknown) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
