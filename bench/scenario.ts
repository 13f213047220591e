/**
 * One benchmark scenario against a database seeded beforehand, for profiling a change without
 * seeding again:
 *
 *   DATABASE_URL=/tmp/seeded.db npx tsx src/cli/main.ts seed --members 100000 --invitations 1000000
 *   npx tsx bench/scenario.ts --db /tmp/seeded.db --scenario send --seconds 6 [--copy]
 *
 * Scenarios: light (Sent, 10 pending), heavy (every Sent page of the 10,000-pending members),
 * received, profile, send. `--copy` works on a copy of the file (writes change it: a second send
 * run on the same file would meet the pairs of the first). Prints requests per second, p50/p99,
 * failures, the server's CPU time per request and its RSS. BENCH_SERVER_NODE_FLAGS reach the
 * server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). SQLite only.
 *
 * `--open-loop` then runs the same requests at half the measured peak, evenly spaced (the
 * bench's open-loop generator), and at the same rate through autocannon's overallRate (what the
 * bench used before), and prints p50/p99 and failures by status for both.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStorage } from '../src/storage/database.js';
import { chooseCast, createSessions, type BenchDatabase } from './lib/database.js';
import { cycle, describeFailures, load, sentPages, type RequestSpec } from './lib/load.js';
import { startServerProcess, type ServerProcess } from './lib/processes.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    scenario: { type: 'string', default: 'light' },
    seconds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '50' },
    copy: { type: 'boolean', default: false },
    'open-loop': { type: 'boolean', default: false },
  },
});
if (!args.db) throw new Error('--db FILE: a SQLite file made by `rapport seed`');
const API = '/api/v1';

const workDir = args.copy ? mkdtempSync(join(tmpdir(), 'rapport-scenario-')) : null;
const url = workDir ? join(workDir, 'bench.db') : args.db;
if (workDir) copyFileSync(args.db, url);

const storage = openStorage(url);
const db = { url, dialect: 'sqlite', storage } as unknown as BenchDatabase;
const cast = await chooseCast(db, { count: 5, pending: 10_000 }, 1000);
const everyone = [
  ...new Set([...cast.heavy, ...cast.light, ...cast.inbox, ...cast.senders, ...cast.recipients]),
];
const tokens = await createSessions(db, everyone);
await storage.close();
const token = (id: string) => tokens.get(id) as string;

const server = await startServerProcess(
  'bench/servers/rapport.ts',
  {
    DATABASE_URL: url,
    RAPPORT_INVITES_PER_DAY: '1000000',
    RAPPORT_INVITES_PER_WEEK: '10000000',
    RAPPORT_SWEEP_INTERVAL_SECONDS: '0',
    RAPPORT_DEMO: '0',
    LOG_LEVEL: 'warn',
  },
  /Rapport is running at/,
);
try {
  const next = await scenario(args.scenario ?? 'light', server);
  const options = { seconds: 2, connections: Number(args.connections) };
  await load(server.url, next, options); // warm-up: JIT, page cache
  const cpuBefore = cpuMs(server);
  const result = await load(server.url, next, { ...options, seconds: Number(args.seconds) });
  const cpu = cpuMs(server) - cpuBefore;
  console.log(
    `${args.scenario}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `${result.failures} failed of ${result.requests}; server CPU ${Math.round((1000 * cpu) / result.requests)} µs/request, ` +
      `RSS ${Math.round(server.rss() / 2 ** 20)} MiB`,
  );
  if (args['open-loop']) {
    const rate = Math.max(1, Math.round(result.rps / 2));
    for (const generator of ['even', 'autocannon-overall-rate'] as const) {
      const open = await load(server.url, next, {
        ...options,
        seconds: Number(args.seconds),
        rate,
        generator,
      });
      console.log(
        `${args.scenario} open loop at ${rate} req/s (½ peak), ${generator === 'even' ? 'evenly spaced' : 'autocannon overallRate'}: ` +
          `${Math.round(open.rps)} req/s, p50 ${open.p50} ms, p99 ${open.p99} ms, ` +
          `failures ${describeFailures(open.failuresByStatus)} of ${open.requests}` +
          (open.sendLagP99 === undefined
            ? ''
            : `; p99.9 ${open.p999} ms, max ${open.maxMs} ms, generator send lag p99 ${open.sendLagP99} ms`),
      );
    }
  }
} finally {
  await server.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}

async function scenario(name: string, app: ServerProcess): Promise<() => RequestSpec> {
  const get = (path: string, as: string): RequestSpec => ({ method: 'GET', path, token: token(as) });
  switch (name) {
    case 'light': {
      const member = cycle(cast.light);
      return () => get(`${API}/invitations/sent?limit=50`, member());
    }
    case 'received': {
      const member = cycle(cast.inbox);
      return () => get(`${API}/invitations/received?limit=50`, member());
    }
    case 'profile': {
      const profile = cycle(cast.profiles);
      const viewer = cycle(cast.senders);
      return () => get(`${API}/members/${profile()}`, viewer());
    }
    case 'heavy':
      return cycle(await sentPages(app.url, cast.heavy, token));
    case 'send': {
      let pair = 0;
      const k = Math.min(cast.senders.length, cast.recipients.length);
      return () => {
        const i = pair++;
        return {
          method: 'POST',
          path: `${API}/invitations`,
          token: token(cast.senders[i % k] as string),
          body: {
            recipientId: cast.recipients[(i + Math.floor(i / k)) % k],
            message: 'Hello, let’s connect.',
          },
        };
      };
    }
    default:
      throw new Error(`unknown scenario ${name}: light, heavy, received, profile or send`);
  }
}

/** User + system CPU of the server process so far, in milliseconds (Linux /proc). */
function cpuMs(app: ServerProcess): number {
  const fields = readFileSync(`/proc/${app.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
