/**
 * `npm run bench` (quick: 100k members, 1M invitations) and `npm run bench -- --full` (1M / 10M):
 * seeds a fresh database, starts the real server on loopback, drives it with autocannon at 50
 * connections, and measures in the same run the baselines each scenario is compared with.
 * DATABASE_URL=postgres://… runs the same on a fresh PostgreSQL database (dropped afterwards).
 * Writes bench/results/latest[-full][-postgres].json and prints a Markdown table.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { hashPassword } from '../src/security/passwords.js';
import { isPostgresUrl } from '../src/storage/database.js';
import { SEED_PASSWORD } from '../src/synthetic/plan.js';
import { seedDatabase } from '../src/synthetic/seed.js';
import {
  chooseCast,
  createBaselineTable,
  createBenchDatabase,
  createSessions,
  pendingIdsOf,
  pendingSentSince,
  rawBatchedInsertRate,
  rawBulkWithdraw,
  rawKeysetPages,
  relatedPairs,
  type BenchDatabase,
} from './lib/database.js';
import {
  cycle,
  describeFailures,
  freshPairs,
  load,
  once,
  sentPages,
  type LoadResult,
  type RequestSpec,
} from './lib/load.js';
import { emailThroughput, setEmailSwitches } from './lib/email.js';
import { connectMany, inviteFromSharing, mutualCost } from './lib/people.js';
import { peakRss, ROOT, startServerProcess, type ServerProcess } from './lib/processes.js';
import { machine, table, writeReport, type Baseline, type Report, type Scenario } from './lib/report.js';

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    members: { type: 'string' },
    invitations: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    dir: { type: 'string' },
    out: { type: 'string' },
    /** Only the seed and the raw batched insert it is compared with (no server, nothing written). */
    'seed-only': { type: 'boolean', default: false },
  },
});

const MEMBERS = Number(args.members ?? (args.full ? 1_000_000 : 100_000));
const INVITATIONS = Number(args.invitations ?? (args.full ? 10_000_000 : 1_000_000));
const SECONDS = Number(args.seconds ?? (args.full ? 15 : 8));
const CONNECTIONS = Number(args.connections);
/** Emails the outbox benchmark sends. */
const EMAILS = args.full ? 10_000 : 2_000;
const TTL_DAYS = 180;
/** Connections given to one member for the People figures: near the 30,000 cap (P1). */
const PEOPLE_CONNECTIONS = Math.min(29_000, Math.floor(MEMBERS / 3));
/** That member's Received page (P1: a page of 50), and the connections each sender shares with it. */
const PEOPLE_PAGE = 50;
const PEOPLE_SHARED = 20;
const serverUrl = process.env.DATABASE_URL?.trim();
const dialect = serverUrl && isPostgresUrl(serverUrl) ? 'postgres' : 'sqlite';
const out =
  args.out ??
  join(
    ROOT,
    'bench/results',
    `latest${args.full ? '-full' : ''}${dialect === 'postgres' ? '-postgres' : ''}.json`,
  );
const API = '/api/v1';

const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const command = `npm run bench${args.full ? ' -- --full' : ''}${dialect === 'postgres' ? ' (DATABASE_URL=postgres://…)' : ''}`;
  log(
    `Rapport benchmark: ${MEMBERS.toLocaleString('en-US')} members, ${INVITATIONS.toLocaleString('en-US')} invitations, ${dialect}, ${CONNECTIONS} connections, ${SECONDS} s per scenario`,
  );
  // The load average shows how much else the machine was doing: the load generator shares it.
  const info = machine({});
  const db = await createBenchDatabase(serverUrl, args.dir);
  log(`Database: ${db.where}`);
  let server: ServerProcess | null = null;
  let bare: ServerProcess | null = null;
  try {
    const baselines: Baseline[] = [];
    const scenarios: Scenario[] = [];

    // ---- seed ----
    const seeded = await seedDatabase(
      db.url,
      {
        members: MEMBERS,
        invitations: INVITATIONS,
        seed: 1,
        now: Date.now(),
        invitationTtlDays: TTL_DAYS,
        heavySenders: 5,
        passwordHash: await hashPassword(SEED_PASSWORD, 15),
      },
      progress(),
    );
    db.open();
    info.database = await version(db);
    log(
      `\nSeeded in ${seeded.seconds.toFixed(1)} s: ${Math.round(seeded.invitationsPerSecond).toLocaleString('en-US')} invitations/s; database ${Math.round(mb(await db.size())).toLocaleString('en-US')} MiB`,
    );

    // ---- baselines: batched inserts, bare server, raw keyset query ----
    const batched = await rawBatchedInsertRate(db, 200_000);
    baselines.push({ name: 'raw batched insert, 100 rows per statement', value: batched, unit: 'rows/s' });
    if (args['seed-only']) {
      log(
        `seed ${fmt(seeded.invitationsPerSecond)} invitations/s ÷ raw batched insert ${fmt(batched)} rows/s = ${(seeded.invitationsPerSecond / batched).toFixed(2)} (load average ${loadavg()[0]?.toFixed(2)})`,
      );
      return;
    }
    await createBaselineTable(db);
    bare = await startServerProcess('bench/servers/bare.ts', { DATABASE_URL: db.url }, /listening on/);
    const bareUrl = bare.url;
    let n = 0;
    const insertRequest = (): RequestSpec => ({
      method: 'POST',
      path: '/insert',
      body: { memberId: `m${n++}`, note: 'Hello there' },
    });
    // Warm up (JIT, connections, page cache) before anything is measured, as for the real server.
    await run(bareUrl, () => ({ method: 'GET', path: '/ok' }), 2);
    await run(bareUrl, insertRequest, 2);
    const bareOk = await peakRss(bare, () => run(bareUrl, () => ({ method: 'GET', path: '/ok' })));
    baselines.push(loadBaseline('bare Fastify GET {ok:true}', bareOk.result));
    const bareInsert = await peakRss(bare, () => run(bareUrl, insertRequest));
    baselines.push(loadBaseline('bare POST, one-row insert transaction', bareInsert.result));
    const bareRss = Math.max(bareOk.peak, bareInsert.peak);
    baselines.push({ name: 'bare server RSS under load', value: mb(bareRss), unit: 'MiB' });
    await bare.stop();
    bare = null;

    const cast = await chooseCast(db, { count: seeded.heavySenders, pending: seeded.heavyPending }, 1000);
    if (cast.heavy.length < 2 || cast.light.length === 0)
      throw new Error('the seeded data lacks heavy or light senders');
    const keyset = await rawKeysetPages(db, cast.heavy, Math.min(SECONDS, 5), TTL_DAYS);
    baselines.push({
      name: 'raw keyset page query (50 rows), in-process',
      value: keyset.rps,
      unit: 'pages/s',
      p50Ms: keyset.p50,
      p99Ms: keyset.p99,
    });
    for (const b of baselines) log(`baseline  ${b.name}: ${fmt(b.value)} ${b.unit}`);

    // ---- the real server ----
    const everyone = [
      ...new Set([...cast.heavy, ...cast.light, ...cast.inbox, ...cast.senders, ...cast.recipients]),
    ];
    const tokens = await createSessions(db, everyone);
    const token = (id: string) => tokens.get(id) as string;

    // The signed-in baseline: the bare server again, now that sessions exist — a Bearer token
    // resolved to its member in one indexed statement, the least a signed-in GET can cost.
    bare = await startServerProcess('bench/servers/bare.ts', { DATABASE_URL: db.url }, /listening on/);
    const signedInUrl = bare.url;
    const signedInMember = cycle(everyone);
    const signedInRequest = (): RequestSpec => ({
      method: 'GET',
      path: '/signed-in',
      token: token(signedInMember()),
    });
    await run(signedInUrl, signedInRequest, 2);
    const signedIn = await run(signedInUrl, signedInRequest);
    if (signedIn.failures > 0)
      throw new Error(`the signed-in baseline failed: ${describeFailures(signedIn.failuresByStatus)}`);
    baselines.push(loadBaseline('bare signed-in GET, session and member in one statement', signedIn));
    log(`baseline  bare signed-in GET, session and member in one statement: ${fmt(signedIn.rps)} req/s`);
    await bare.stop();
    bare = null;
    const signedInBaseline = {
      name: 'bare signed-in GET (one statement)',
      value: signedIn.rps,
      unit: 'req/s',
    };
    const vsSignedIn = (name: string, r: LoadResult): Scenario => ({
      name: `${name} ÷ bare signed-in GET`,
      value: r.rps,
      unit: 'req/s',
      baseline: signedInBaseline,
      ratio: r.rps / signedIn.rps,
      target: '≥ 0.5',
      met: r.rps >= 0.5 * signedIn.rps && r.failures === 0,
    });
    const serverEnv = {
      DATABASE_URL: db.url,
      RAPPORT_INVITES_PER_DAY: '1000000',
      RAPPORT_INVITES_PER_WEEK: '10000000',
      RAPPORT_INVITATION_TTL_DAYS: String(TTL_DAYS),
      RAPPORT_SWEEP_INTERVAL_SECONDS: '0',
      RAPPORT_DEMO: '0',
      LOG_LEVEL: 'warn',
    };
    server = await startServerProcess('bench/servers/rapport.ts', serverEnv, /Rapport is running at/);
    const app = server;
    let rss = 0;
    const measured = async (work: () => Promise<LoadResult>): Promise<Measured> => {
      const { result, peak } = await peakRss(app, work);
      rss = Math.max(rss, peak);
      return { ...result, peakRss: peak };
    };
    /**
     * The same requests at a fixed rate of half the closed-loop peak (open loop): p50/p99 there
     * is what a member feels on a busy but not saturated server. `max` bounds a finite pool
     * (withdraw, accept), whose run then lasts as long as the pool does at that rate.
     */
    const openLoop = async (
      name: string,
      peak: LoadResult,
      next: () => RequestSpec,
      p99Goal: number | null = 25,
      max?: number,
    ): Promise<Scenario> => {
      const rate = Math.max(1, Math.round(peak.rps / 2));
      const seconds = max ? Math.max(1, Math.ceil(max / rate)) : SECONDS;
      const r = await measured(() =>
        load(app.url, next, { seconds, connections: CONNECTIONS, rate, ...(max ? { max } : {}) }),
      );
      return {
        name: `${name}, open loop at ${rate.toLocaleString('en-US')} req/s (½ peak): p99`,
        value: r.p99,
        unit: 'ms',
        baseline: { name: 'closed-loop p99 at the peak', value: peak.p99, unit: 'ms' },
        ratio: peak.p99 / Math.max(r.p99, 1e-9),
        target: p99Goal === null ? 'none set (informational)' : `p99 ≤ ${p99Goal} ms`,
        met: p99Goal === null ? null : r.p99 <= p99Goal && r.failures === 0,
        p50Ms: r.p50,
        p99Ms: r.p99,
        requests: r.requests,
        failures: r.failures,
        failuresByStatus: r.failuresByStatus,
        openLoopRate: rate,
        ...(r.sendLagP99 === undefined ? {} : { generatorLagP99Ms: r.sendLagP99 }),
      };
    };
    const viewers = cast.senders;
    const profile = cycle(cast.profiles);
    const viewer = cycle(viewers);
    const light = cycle(cast.light);
    await run(
      app.url,
      () => ({ method: 'GET', path: `${API}/members/${profile()}`, token: token(viewer()) }),
      2,
    );
    await run(
      app.url,
      () => ({ method: 'GET', path: `${API}/invitations/sent?limit=50`, token: token(light()) }),
      2,
    );

    const keysetBaseline = { name: 'raw keyset page query', value: keyset.rps, unit: 'pages/s' };
    const listTarget = (r: LoadResult) => r.rps >= 0.5 * keyset.rps && r.p99 <= 25;

    // list Sent, 10 pending
    const lightRun = await measured(() =>
      run(app.url, () => ({
        method: 'GET',
        path: `${API}/invitations/sent?limit=50`,
        token: token(light()),
      })),
    );
    scenarios.push(
      fromLoad(
        'list Sent, 50 rows (member with 10 pending)',
        lightRun,
        keysetBaseline,
        '≥ 0.5 × raw keyset; p99 ≤ 25 ms',
        listTarget(lightRun),
      ),
    );
    scenarios.push(vsSignedIn('list Sent (10 pending)', lightRun));
    const lightOpen = await openLoop('list Sent (10 pending)', lightRun, () => ({
      method: 'GET',
      path: `${API}/invitations/sent?limit=50`,
      token: token(light()),
    }));
    scenarios.push(lightOpen);
    // The same rate through autocannon's overallRate, which the open-loop figures used before:
    // it sends each second's requests in a burst, so its p99 is the burst's queue.
    const burst = await measured(() =>
      load(
        app.url,
        () => ({ method: 'GET', path: `${API}/invitations/sent?limit=50`, token: token(light()) }),
        {
          seconds: SECONDS,
          connections: CONNECTIONS,
          rate: lightOpen.openLoopRate ?? 1,
          generator: 'autocannon-overall-rate',
        },
      ),
    );
    scenarios.push({
      name: `list Sent (10 pending), the same rate through autocannon overallRate (bursts each second): p99`,
      value: burst.p99,
      unit: 'ms',
      baseline: { name: 'evenly spaced open loop, same rate', value: lightOpen.value, unit: 'ms' },
      ratio: lightOpen.value / Math.max(burst.p99, 1e-9),
      target: 'none set (shows what the old method measured)',
      met: null,
      p50Ms: burst.p50,
      p99Ms: burst.p99,
      requests: burst.requests,
      failures: burst.failures,
      failuresByStatus: burst.failuresByStatus,
      openLoopRate: lightOpen.openLoopRate ?? 1,
    });

    // list Sent, 10,000 pending: every page of each heavy member, deep pages included
    const pages = await sentPages(app.url, cast.heavy, token);
    const heavyRun = await measured(() => run(app.url, cycle(pages)));
    scenarios.push(
      fromLoad(
        'list Sent, 50 rows (member with 10,000 pending, all pages)',
        heavyRun,
        keysetBaseline,
        '≥ 0.5 × raw keyset; p99 ≤ 25 ms',
        listTarget(heavyRun),
      ),
    );
    scenarios.push(await openLoop('list Sent (10,000 pending)', heavyRun, cycle(pages)));
    scenarios.push({
      name: 'list Sent: 10,000 pending ÷ 10 pending',
      value: heavyRun.rps,
      unit: 'req/s',
      baseline: { name: 'list Sent (10 pending)', value: lightRun.rps, unit: 'req/s' },
      ratio: heavyRun.rps / lightRun.rps,
      target: '≥ 0.8',
      met: heavyRun.rps / lightRun.rps >= 0.8,
    });

    // list Received
    const inbox = cycle(cast.inbox);
    const receivedRun = await measured(() =>
      run(app.url, () => ({
        method: 'GET',
        path: `${API}/invitations/received?limit=50`,
        token: token(inbox()),
      })),
    );
    scenarios.push(
      fromLoad(
        'list Received, 50 rows',
        receivedRun,
        keysetBaseline,
        '≥ 0.5 × raw keyset; p99 ≤ 25 ms',
        listTarget(receivedRun),
      ),
    );
    scenarios.push(vsSignedIn('list Received', receivedRun));
    scenarios.push(
      await openLoop('list Received', receivedRun, () => ({
        method: 'GET',
        path: `${API}/invitations/received?limit=50`,
        token: token(inbox()),
      })),
    );

    // profile view
    const profileRun = await measured(() =>
      run(app.url, () => ({ method: 'GET', path: `${API}/members/${profile()}`, token: token(viewer()) })),
    );
    scenarios.push(
      fromLoad(
        'profile view GET /members/:id',
        profileRun,
        { name: 'bare GET {ok:true}', value: bareOk.result.rps, unit: 'req/s' },
        'none set (informational)',
        null,
      ),
    );
    scenarios.push(vsSignedIn('profile view', profileRun));
    scenarios.push(
      await openLoop(
        'profile view',
        profileRun,
        () => ({ method: 'GET', path: `${API}/members/${profile()}`, token: token(viewer()) }),
        null,
      ),
    );

    // send invitation: every request a distinct sender → recipient pair, all rules applied
    const insertBaseline = { name: 'one-insert POST', value: bareInsert.result.rps, unit: 'req/s' };
    const since = Date.now() - 1000;
    const nextPair = freshPairs(
      cast.senders,
      cast.recipients,
      await relatedPairs(db, cast.senders, cast.recipients),
    );
    const nextSend = (): RequestSpec => {
      const { sender, recipient } = nextPair();
      return {
        method: 'POST',
        path: `${API}/invitations`,
        token: token(sender),
        body: { recipientId: recipient, message: 'Hi! We met at the meetup last week — let’s connect.' },
      };
    };
    const sendRun = await measured(() => run(app.url, nextSend));
    scenarios.push(
      fromLoad(
        'send invitation (all rules)',
        sendRun,
        insertBaseline,
        '≥ 0.5 × one-insert POST',
        sendRun.rps >= 0.5 * insertBaseline.value,
      ),
    );
    scenarios.push(await openLoop('send invitation', sendRun, nextSend));

    // What the email costs a send (N2): the same sends to members with every email switched off,
    // whose invitations queue no outbox row, and with them on; new pairs each time, off then on
    // and then on then off, so that neither side always runs on the larger database and the
    // longer log, the best run of each kept.
    const sendOff: Measured[] = [];
    const sendOn: Measured[] = [];
    for (const order of [
      [false, true],
      [true, false],
    ]) {
      for (const on of order) {
        await setEmailSwitches(db.storage.db, cast.recipients, on);
        (on ? sendOn : sendOff).push(await measured(() => run(app.url, nextSend)));
      }
    }
    const best = (runs: Measured[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const [sendOnRun, sendOffRun] = [best(sendOn), best(sendOff)];
    scenarios.push(
      fromLoad(
        'send invitation, email on (outbox row in the transaction), best of 2',
        sendOnRun,
        {
          name: 'send invitation, email off (no outbox row), best of 2',
          value: sendOffRun.rps,
          unit: 'req/s',
        },
        '≥ 0.9 × email off (the row costs < 10 % of a send)',
        sendOnRun.rps >= 0.9 * sendOffRun.rps && sendOff.every((r) => r.failures === 0),
      ),
    );

    // withdraw and accept what was just sent: half each
    const sent = await pendingSentSince(db, cast.senders, since);
    // Two thirds of each half for the closed-loop peak, the last third for the open-loop run.
    const split = <T>(items: T[]): [T[], T[]] => {
      const cut = Math.floor((items.length * 2) / 3);
      return [items.slice(0, cut), items.slice(cut)];
    };
    const [toWithdraw, toWithdrawOpen] = split(sent.filter((_, i) => i % 2 === 0));
    const [toAccept, toAcceptOpen] = split(sent.filter((_, i) => i % 2 === 1));
    const withdrawOf = (inv: (typeof sent)[number]): RequestSpec => ({
      method: 'POST',
      path: `${API}/invitations/${inv.id}/withdraw`,
      token: token(inv.sender_id),
    });
    const acceptOf = (inv: (typeof sent)[number]): RequestSpec => ({
      method: 'POST',
      path: `${API}/invitations/${inv.id}/accept`,
      token: token(inv.recipient_id),
    });
    const withdrawRun = await measured(() =>
      run(app.url, mapOnce(toWithdraw, withdrawOf), undefined, toWithdraw.length),
    );
    scenarios.push(
      fromLoad(
        'withdraw',
        withdrawRun,
        insertBaseline,
        '≥ 0.5 × one-insert POST',
        withdrawRun.rps >= 0.5 * insertBaseline.value,
      ),
    );
    scenarios.push(
      await openLoop('withdraw', withdrawRun, mapOnce(toWithdrawOpen, withdrawOf), 25, toWithdrawOpen.length),
    );
    const acceptRun = await measured(() =>
      run(app.url, mapOnce(toAccept, acceptOf), undefined, toAccept.length),
    );
    scenarios.push(
      fromLoad(
        'accept',
        acceptRun,
        insertBaseline,
        '≥ 0.5 × one-insert POST',
        acceptRun.rps >= 0.5 * insertBaseline.value,
      ),
    );
    scenarios.push(
      await openLoop('accept', acceptRun, mapOnce(toAcceptOpen, acceptOf), null, toAcceptOpen.length),
    );

    // bulk withdraw of 10,000 in one request, against the same work done raw in-process
    const [bulkMember, rawMember] = cast.heavy as [string, string];
    const bulkIds = await pendingIdsOf(db, bulkMember);
    const bulkMs = await timeBulkWithdraw(app.url, token(bulkMember), bulkIds);
    await server.stop();
    server = null;
    // What the trust checks (M1 "don't know" probe, M3 restriction, standing counter, pending cap)
    // cost a send: the same server with them off, then on again, back to back on the same data.
    const sendWith = async (checks: boolean): Promise<LoadResult> => {
      const child = await startServerProcess(
        'bench/servers/rapport.ts',
        { ...serverEnv, BENCH_SEND_TRUST_CHECKS: checks ? '1' : '0' },
        /Rapport is running at/,
      );
      try {
        await run(child.url, nextSend, 2);
        return await run(child.url, nextSend);
      } finally {
        await child.stop();
      }
    };
    const sendWithout = await sendWith(false);
    const sendWithChecks = await sendWith(true);
    for (const r of [sendWithout, sendWithChecks]) {
      if (r.failures > 0)
        throw new Error(`the trust-check send runs failed: ${describeFailures(r.failuresByStatus)}`);
    }
    scenarios.push({
      name: 'send with the trust checks (standing, restriction, pending cap)',
      value: sendWithChecks.rps,
      unit: 'req/s',
      baseline: { name: 'send without them, same run', value: sendWithout.rps, unit: 'req/s' },
      ratio: sendWithChecks.rps / sendWithout.rps,
      target: '≥ 0.95 × without',
      met: sendWithChecks.rps >= 0.95 * sendWithout.rps,
    });
    log(
      `send with trust checks ${fmt(sendWithChecks.rps)} req/s, without ${fmt(sendWithout.rps)} req/s: ratio ${(sendWithChecks.rps / sendWithout.rps).toFixed(3)}`,
    );

    const rawIds = await pendingIdsOf(db, rawMember);
    const rawBulkMs = await rawBulkWithdraw(db, rawMember, rawIds);
    scenarios.push({
      name: `bulk withdraw of ${bulkIds.length.toLocaleString('en-US')} in one request`,
      value: bulkMs,
      unit: 'ms',
      baseline: {
        name: `raw set-based withdraw of ${rawIds.length.toLocaleString('en-US')}, in-process`,
        value: rawBulkMs,
        unit: 'ms',
      },
      ratio: rawBulkMs / bulkMs,
      target: '≤ 1,000 ms',
      met: bulkMs <= 1000,
    });

    // The outbox's sending rate against nodemailer alone, same messages, same sink (N2).
    const mail = await emailThroughput(db.url, EMAILS);
    scenarios.push({
      name: `outbox: ${mail.emails.toLocaleString('en-US')} due emails to a local SMTP sink`,
      value: mail.outboxRate,
      unit: 'emails/s',
      baseline: {
        name: 'raw nodemailer, the same messages to the same sink',
        value: mail.rawRate,
        unit: 'emails/s',
      },
      ratio: mail.outboxRate / mail.rawRate,
      target: '≥ 0.5 × raw nodemailer',
      met: mail.outboxRate >= 0.5 * mail.rawRate,
    });

    // P1 and P2 for a member near the 30,000-connection cap: the inbox member gains connections
    // to members it had nothing to do with, as accepting would have made them.
    const crowded = cast.inbox[0] as string;
    const added = await connectMany(db, crowded, PEOPLE_CONNECTIONS);
    // Its Received page: 50 pending invitations, each from a member sharing connections with it.
    await inviteFromSharing(db, crowded, PEOPLE_PAGE, PEOPLE_SHARED);
    const mutual = await mutualCost(db, crowded, 200, TTL_DAYS);
    log(
      `mutual counts: ${fmt(added)} connections added; page ${mutual.pageMs.toFixed(2)} ms, with counts ${mutual.withMutualMs.toFixed(2)} ms (${mutual.withMutuals} of ${mutual.senders} senders share connections)`,
    );
    scenarios.push({
      name: `Received page of ${mutual.senders} with mutual counts, member with ${fmt(added)} connections (in-process)`,
      value: mutual.withMutualMs,
      unit: 'ms',
      baseline: { name: 'the same page without the counts', value: mutual.pageMs, unit: 'ms' },
      ratio: mutual.pageMs / mutual.withMutualMs,
      target: '≤ 1.2 × without',
      met: mutual.withMutualMs <= 1.2 * mutual.pageMs,
    });
    const people = await startServerProcess('bench/servers/rapport.ts', serverEnv, /Rapport is running at/);
    try {
      const suggestions = (): RequestSpec => ({
        method: 'GET',
        path: `${API}/network/suggestions?limit=10`,
        token: token(crowded),
      });
      await load(people.url, suggestions, { seconds: 2, connections: CONNECTIONS });
      const peak = await load(people.url, suggestions, { seconds: SECONDS, connections: CONNECTIONS });
      const rate = Math.max(1, Math.round(peak.rps / 2));
      const open = await load(people.url, suggestions, { seconds: SECONDS, connections: CONNECTIONS, rate });
      scenarios.push({
        name: `suggestions for the member with ${fmt(added)} connections, open loop at ${fmt(rate)} req/s (½ peak): p99`,
        value: open.p99,
        unit: 'ms',
        baseline: { name: 'closed-loop p99 at the peak', value: peak.p99, unit: 'ms' },
        ratio: peak.p99 / Math.max(open.p99, 1e-9),
        target: 'p99 ≤ 25 ms',
        met: open.p99 <= 25 && open.failures === 0 && peak.failures === 0,
        p50Ms: open.p50,
        p99Ms: open.p99,
        requests: open.requests,
        failures: open.failures + peak.failures,
        failuresByStatus: open.failuresByStatus,
        openLoopRate: rate,
        ...(open.sendLagP99 === undefined ? {} : { generatorLagP99Ms: open.sendLagP99 }),
      });
      log(
        `suggestions: peak ${fmt(peak.rps)} req/s (p99 ${peak.p99} ms); open loop at ${rate}/s p50 ${open.p50} / p99 ${open.p99} ms`,
      );
    } finally {
      await people.stop();
    }

    scenarios.push({
      name: 'seed',
      value: seeded.invitationsPerSecond,
      unit: 'invitations/s',
      baseline: { name: 'raw batched insert', value: batched, unit: 'rows/s' },
      ratio: seeded.invitationsPerSecond / batched,
      target: '≥ 90,000 invitations/s',
      met: seeded.invitationsPerSecond >= 90_000,
    });
    scenarios.push({
      name: 'server RSS under load',
      value: mb(rss),
      unit: 'MiB',
      baseline: { name: 'bare server RSS under load', value: mb(bareRss), unit: 'MiB' },
      ratio: rss / bareRss,
      target: '≤ 1.5 × bare server',
      met: rss <= 1.5 * bareRss,
    });

    const report: Report = {
      machine: { ...info, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) },
      dialect: db.dialect,
      command,
      data: {
        members: seeded.members,
        invitations: seeded.invitations,
        pending: seeded.pending,
        ignored: seeded.ignored,
        connections: seeded.connections,
        notifications: seeded.notifications,
        heavySenders: seeded.heavySenders,
        heavyPending: seeded.heavyPending,
        seedSeconds: Number(seeded.seconds.toFixed(1)),
        connectionsPerScenario: CONNECTIONS,
        secondsPerScenario: SECONDS,
      },
      baselines,
      scenarios,
    };
    writeReport(out, report);
    log(`\n${table(report)}\n`);
    const failures = scenarios.filter((s) => (s.failures ?? 0) > 0);
    for (const s of failures) {
      log(
        `note: ${s.name} had ${s.failures} failed requests of ${s.requests} (${describeFailures(s.failuresByStatus ?? {})}): not a result until explained`,
      );
    }
    log(`Written to ${out}`);
  } finally {
    await server?.stop();
    await bare?.stop();
    await db.drop();
  }
}

function run(url: string, next: () => RequestSpec, seconds = SECONDS, max?: number): Promise<LoadResult> {
  return load(url, next, { seconds, connections: CONNECTIONS, ...(max ? { max } : {}) });
}

function mapOnce<T>(items: readonly T[], to: (item: T) => RequestSpec): () => RequestSpec {
  const next = once(items);
  return () => to(next());
}

function loadBaseline(name: string, r: LoadResult): Baseline {
  return { name, value: r.rps, unit: 'req/s', p50Ms: r.p50, p99Ms: r.p99 };
}

/** A load run of the real server, with its peak RSS while it ran. */
type Measured = LoadResult & { peakRss?: number };

function fromLoad(
  name: string,
  r: Measured,
  baseline: Scenario['baseline'],
  target: string,
  met: boolean | null,
): Scenario {
  return {
    name,
    value: r.rps,
    unit: 'req/s',
    baseline,
    ratio: r.rps / baseline.value,
    target,
    met: met === null ? null : met && r.failures === 0,
    p50Ms: r.p50,
    p99Ms: r.p99,
    requests: r.requests,
    failures: r.failures,
    failuresByStatus: r.failuresByStatus,
    ...(r.peakRss ? { peakRssMiB: Math.round(mb(r.peakRss)) } : {}),
  };
}

async function timeBulkWithdraw(url: string, token: string, ids: readonly string[]): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}${API}/invitations/withdraw`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ids }),
  });
  const body = (await res.json()) as { withdrawn?: string[] };
  const ms = performance.now() - started;
  if (res.status !== 200 || body.withdrawn?.length !== ids.length) {
    throw new Error(
      `bulk withdraw answered ${res.status}, withdrew ${body.withdrawn?.length ?? 0} of ${ids.length}`,
    );
  }
  return ms;
}

async function version(db: BenchDatabase): Promise<string> {
  const query =
    db.dialect === 'sqlite'
      ? sql<{ v: string }>`select 'SQLite ' || sqlite_version() as v`
      : sql<{ v: string }>`select version() as v`;
  const { rows } = await query.execute(db.storage.db);
  return rows[0]?.v ?? 'unknown';
}

function progress(): (p: { phase: string; invitations: number; members: number }) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 1000 && p.phase === 'invitations') return;
    last = now;
    process.stdout.write(
      `\rseeding: ${p.phase} ${p.invitations.toLocaleString('en-US')} invitations, ${p.members.toLocaleString('en-US')} members   `,
    );
  };
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

await main();
