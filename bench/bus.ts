/**
 * `npm run bench:bus`: live events past one database. Three `rapport serve` processes on one
 * fresh PostgreSQL database send invitations as fast as three autocannon clients (one per
 * process) make them, first with the PostgreSQL LISTEN/NOTIFY bus, then with the Redis pub/sub
 * bus (RAPPORT_BUS_URL), on the same data in the same run. Meanwhile a probe sends an invitation
 * every PROBE_MS through the first process to members whose live streams are open on the third,
 * and times each from the start of its request to its `notification` event on the other
 * process's stream: an upper bound of commit → delivery (it includes the send's own work).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test RAPPORT_BUS_URL=redis://127.0.0.1:6379 npm run bench:bus
 *
 * Writes bench/results/latest-bus.json and prints a Markdown table.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/security/passwords.js';
import { isPostgresUrl } from '../src/storage/database.js';
import { SEED_PASSWORD } from '../src/synthetic/plan.js';
import { seedDatabase } from '../src/synthetic/seed.js';
import { createBenchDatabase, createSessions, relatedPairs, type BenchDatabase } from './lib/database.js';
import { describeFailures, freshPairs, load, type LoadResult, type RequestSpec } from './lib/load.js';
import { ROOT, startServerProcess, type ServerProcess } from './lib/processes.js';
import { machine, table, writeReport, type Report, type Scenario } from './lib/report.js';
import { openStream, type OpenStream } from './lib/stream.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '16' },
    out: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
/** Connections per process: three processes, so 3 × this in all. */
const CONNECTIONS = Number(args.connections);
const PROCESSES = 3;
const PROBE_MS = 20;
const LISTENERS = 20;
const API = '/api/v1';
const serverUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.RAPPORT_BUS_URL?.trim() || 'redis://127.0.0.1:6379';
const out = args.out ?? join(ROOT, 'bench/results/latest-bus.json');
const log = (line: string) => process.stdout.write(`${line}\n`);

interface BusRun {
  bus: 'postgres' | 'redis';
  send: LoadResult;
  latencies: number[];
  /**
   * From the send's answer to the event on the other process: the commit happened before the
   * answer left, so this is a lower bound of commit → delivery (negative when the event won).
   */
  afterAnswer: number[];
  lost: number;
}

async function main(): Promise<void> {
  if (!isPostgresUrl(serverUrl))
    throw new Error('DATABASE_URL must be a postgres:// URL: the buses run on one PostgreSQL');
  log(`Rapport bus benchmark: ${PROCESSES} processes on one PostgreSQL, NOTIFY vs Redis, ${SECONDS} s each`);
  const info = machine({ redis: redisUrl.replace(/\/\/[^@]*@/, '//') });
  const db = await createBenchDatabase(serverUrl, undefined);
  try {
    await seedDatabase(
      db.url,
      {
        members: 20_000,
        invitations: 20_000,
        seed: 2,
        now: Date.now(),
        invitationTtlDays: 180,
        heavySenders: 0,
        passwordHash: await hashPassword(SEED_PASSWORD, 15),
      },
      () => undefined,
    );
    db.open();
    const cast = await castOf(db);
    const tokens = await createSessions(db, [
      ...cast.senders,
      ...cast.recipients,
      ...cast.probeSenders,
      ...cast.listeners,
    ]);
    const token = (id: string) => tokens.get(id) as string;
    const related = await relatedPairs(
      db,
      [...cast.senders, ...cast.probeSenders],
      [...cast.recipients, ...cast.listeners],
    );

    // One generator for the whole run, so the second bus never meets a pair the first made.
    const nextPair = freshPairs(cast.senders, cast.recipients, related);
    const nextSend = (): RequestSpec => {
      const { sender, recipient } = nextPair();
      return {
        method: 'POST',
        path: `${API}/invitations`,
        token: token(sender),
        body: { recipientId: recipient },
      };
    };
    let probe = 0;
    const nextProbe = (): { sender: string; recipient: string } => {
      for (;;) {
        const i = probe++;
        const sender = cast.probeSenders[Math.floor(i / LISTENERS) % cast.probeSenders.length] as string;
        const recipient = cast.listeners[i % LISTENERS] as string;
        if (!related.has(`${sender} ${recipient}`)) return { sender, recipient };
      }
    };

    const runs: BusRun[] = [];
    for (const bus of ['postgres', 'redis'] as const) {
      runs.push(await runBus(db, bus, nextSend, nextProbe, token, cast.listeners));
      const last = runs[runs.length - 1] as BusRun;
      log(
        `${bus}: send ${Math.round(last.send.rps)} req/s over ${PROCESSES} processes (failures: ${describeFailures(last.send.failuresByStatus)}); ` +
          `events ${last.latencies.length} timed, ${last.lost} not delivered; ` +
          `from the send's answer to the event p50 ${round1(percentile(last.afterAnswer, 50))} / p99 ${round1(percentile(last.afterAnswer, 99))} ms`,
      );
    }
    const [notify, redis] = runs as [BusRun, BusRun];
    const scenarios: Scenario[] = [
      {
        name: `send invitation, ${PROCESSES} processes, Redis bus`,
        value: redis.send.rps,
        unit: 'req/s',
        baseline: { name: 'the same with PostgreSQL NOTIFY', value: notify.send.rps, unit: 'req/s' },
        ratio: redis.send.rps / notify.send.rps,
        target: 'none set (informational)',
        met: null,
        p50Ms: redis.send.p50,
        p99Ms: redis.send.p99,
        requests: redis.send.requests,
        failures: redis.send.failures,
        failuresByStatus: redis.send.failuresByStatus,
      },
      eventScenario('Redis', redis, notify),
      eventScenario('NOTIFY', notify, notify),
    ];
    const report: Report = {
      machine: { ...info, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
      dialect: 'postgres',
      command: 'npm run bench:bus',
      data: {
        members: 20_000,
        processes: PROCESSES,
        connectionsPerProcess: CONNECTIONS,
        secondsPerBus: SECONDS,
        probeEveryMs: PROBE_MS,
        // Lower bounds of commit → delivery: from each probe's answer to its event (ms).
        eventAfterAnswerMs: Object.fromEntries(
          runs.map((r) => [
            r.bus,
            { p50: round1(percentile(r.afterAnswer, 50)), p99: round1(percentile(r.afterAnswer, 99)) },
          ]),
        ),
      },
      baselines: [
        {
          name: 'send invitation, PostgreSQL NOTIFY bus',
          value: notify.send.rps,
          unit: 'req/s',
          p50Ms: notify.send.p50,
          p99Ms: notify.send.p99,
        },
      ],
      scenarios,
    };
    writeReport(out, report);
    log(`\n${table(report)}\n`);
    log(`Written to ${out}`);
  } finally {
    await db.drop();
  }
}

function eventScenario(name: string, run: BusRun, notify: BusRun): Scenario {
  const p50 = percentile(run.latencies, 50);
  const p99 = percentile(run.latencies, 99);
  const base = percentile(notify.latencies, 99);
  return {
    name: `live event, send → another process's stream, ${name}: p99`,
    value: p99,
    unit: 'ms',
    baseline: { name: 'NOTIFY p99', value: base, unit: 'ms' },
    ratio: base / Math.max(p99, 1e-9),
    target: 'every event delivered',
    met: run.lost === 0,
    p50Ms: p50,
    p99Ms: p99,
    requests: run.latencies.length + run.lost,
    failures: run.lost,
  };
}

async function runBus(
  db: BenchDatabase,
  bus: 'postgres' | 'redis',
  nextSend: () => RequestSpec,
  nextProbe: () => { sender: string; recipient: string },
  token: (id: string) => string,
  listeners: readonly string[],
): Promise<BusRun> {
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    RAPPORT_INVITES_PER_DAY: '1000000',
    RAPPORT_INVITES_PER_WEEK: '10000000',
    RAPPORT_SWEEP_INTERVAL_SECONDS: '0',
    RAPPORT_DEMO: '0',
    LOG_LEVEL: 'warn',
    RAPPORT_BUS_URL: bus === 'redis' ? redisUrl : '',
  };
  const servers: ServerProcess[] = [];
  const streams: OpenStream[] = [];
  try {
    // One after another: the first migrates (already done by the seed) and the rest just start.
    for (let i = 0; i < PROCESSES; i++) {
      servers.push(await startServerProcess('bench/servers/rapport.ts', env, /Rapport is running at/));
    }
    const [first, , last] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const arrivals = new Map<string, number>();
    for (const member of listeners) {
      streams.push(
        await openStream(last.url, token(member), (name, data, at) => {
          const id = (data as { invitationId?: string | null } | null)?.invitationId;
          if (name === 'notification' && id) arrivals.set(id, at);
        }),
      );
    }
    // Warm up every process (JIT, pools) before anything is measured.
    await Promise.all(servers.map((s) => load(s.url, nextSend, { seconds: 2, connections: CONNECTIONS })));

    const started = new Map<string, number>();
    const answered = new Map<string, number>();
    let probing = true;
    const probes = (async () => {
      while (probing) {
        const { sender, recipient } = nextProbe();
        const at = performance.now();
        const res = await fetch(`${first.url}${API}/invitations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token(sender)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ recipientId: recipient }),
        });
        const body = (await res.json()) as { invitation?: { id: string } };
        if (res.status === 201 && body.invitation) {
          started.set(body.invitation.id, at);
          answered.set(body.invitation.id, performance.now());
        } else throw new Error(`probe send answered ${res.status}: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, PROBE_MS));
      }
    })();
    const results = await Promise.all(
      servers.map((s) => load(s.url, nextSend, { seconds: SECONDS, connections: CONNECTIONS })),
    );
    probing = false;
    await probes;
    // The last probes' events: wait until each has arrived or 5 s passed since the last send.
    const until = performance.now() + 5000;
    while ([...started.keys()].some((id) => !arrivals.has(id)) && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const latencies: number[] = [];
    const afterAnswer: number[] = [];
    let lost = 0;
    for (const [id, at] of started) {
      const arrived = arrivals.get(id);
      if (arrived === undefined) lost++;
      else {
        latencies.push(Math.max(0, arrived - at));
        afterAnswer.push(arrived - (answered.get(id) as number));
      }
    }
    return { bus, send: sum(results), latencies, afterAnswer, lost };
  } finally {
    for (const s of streams) s.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Three clients' results as one: rates and counts add up; latency is the worst client's. */
function sum(results: LoadResult[]): LoadResult {
  const byStatus: Record<string, number> = {};
  for (const r of results)
    for (const [k, n] of Object.entries(r.failuresByStatus)) byStatus[k] = (byStatus[k] ?? 0) + n;
  return {
    rps: results.reduce((a, r) => a + r.rps, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    requests: results.reduce((a, r) => a + r.requests, 0),
    failures: results.reduce((a, r) => a + r.failures, 0),
    failuresByStatus: byStatus,
    seconds: Math.max(...results.map((r) => r.seconds)),
  };
}

function round1(n: number): number {
  return Number(n.toFixed(1));
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function castOf(db: BenchDatabase): Promise<{
  senders: string[];
  recipients: string[];
  probeSenders: string[];
  listeners: string[];
}> {
  const ids = (
    await db.storage.db
      .selectFrom('members')
      .select('id')
      .where('who_can_invite', '=', 'everyone')
      .orderBy('created_at')
      .limit(3000)
      .execute()
  ).map((r) => r.id);
  if (ids.length < 3000)
    throw new Error('the seeded data has too few members who accept invitations from everyone');
  return {
    senders: ids.slice(0, 1200),
    recipients: ids.slice(1200, 2400),
    probeSenders: ids.slice(2400, 2980),
    listeners: ids.slice(2980, 2980 + LISTENERS),
  };
}

await main();
