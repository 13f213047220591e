/**
 * O2 races between app processes (real processes, real HTTP, one PostgreSQL): each round fires
 * conflicting requests at different processes at once, then checks the invariants of
 * test/helpers/invariants.ts and that the database agrees with whichever request won.
 * RACE_ROUNDS sets the rounds per race (CI default below); RACE_ROUNDS=200 locally digs deeper.
 * The `redis` project runs the suite again with live events on Redis pub/sub (TEST_BUS_URL),
 * with fewer rounds by default: the races are the database's, the bus only has to keep up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DAY } from '../../src/clock.js';
import {
  call,
  CLUSTER_DEFAULT_ENV,
  startCluster,
  type AppProcess,
  type Cluster,
  type Reply,
} from '../helpers/cluster.js';
import { expectInvariants } from '../helpers/invariants.js';
import { testBusUrl } from '../helpers/redis.js';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? (testBusUrl() ? 6 : 20));
/**
 * A race whose outcomes have not all been seen after ROUNDS rounds runs on, up to this many
 * times ROUNDS, before the test says that one order never happened.
 */
const MAX_ROUNDS_FACTOR = 5;
/** Independent instances of a race fired together in one round, to add contention. */
const PER_ROUND = 2;
const DAILY_LIMIT = 10;
const RACE_TIMEOUT = 300_000;

interface Member {
  id: string;
  token: string;
}

let cluster: Cluster;
let p: AppProcess[];
/** How each race came out: printed at the end, and asserted by each race itself. */
const outcomes = new Map<string, Map<string, number>>();
function tally(race: string, outcome: string): void {
  const counts = outcomes.get(race) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  outcomes.set(race, counts);
}
function seen(race: string, outcome: string): number {
  return outcomes.get(race)?.get(outcome) ?? 0;
}

beforeAll(async () => {
  cluster = await startCluster({
    processes: 3,
    env: {
      RAPPORT_INVITES_PER_DAY: String(DAILY_LIMIT),
      RAPPORT_INVITES_PER_WEEK: '1000',
      // The shortest TTL, so the sweep race can make invitations come due while the processes run.
      RAPPORT_INVITATION_TTL_DAYS: '1',
    },
  });
  p = cluster.processes;
}, 120_000);
afterAll(async () => {
  for (const [race, counts] of outcomes) {
    console.log(`[O2 race figures] ${race}: ${[...counts].map(([o, n]) => `${o} ${n}`).join(', ')}`);
  }
  await cluster?.close();
}, 60_000);

async function deadlocks(): Promise<number> {
  // A fresh snapshot: within one transaction PostgreSQL would repeat the statistics it read first.
  await sql`select pg_stat_clear_snapshot()`.execute(cluster.storage.db);
  const { rows } = await sql<{ deadlocks: number }>`
    select deadlocks from pg_stat_database where datname = current_database()`.execute(cluster.storage.db);
  return Number(rows[0]?.deadlocks);
}

/**
 * Runs one race test on its own: no request may answer 5xx (api() throws on one), and
 * PostgreSQL must count no deadlock meanwhile (inTransaction would retry a victim; lock order
 * is meant to leave nothing to retry). A backend reports its statistics within about a second
 * of going idle, so a deadlock in a race's last second is counted by the next race's check.
 */
async function race(work: () => Promise<void>): Promise<void> {
  const before = await deadlocks();
  await work();
  expect(await deadlocks(), 'PostgreSQL counted a deadlock during this race').toBe(before);
}

/** Every reply goes through here: a 5xx anywhere fails the race that caused it, with logs. */
async function api(proc: AppProcess, method: string, path: string, as: Member | null, body?: unknown) {
  const reply = await call(proc, method, path, as?.token ?? null, body);
  if (reply.status >= 500) {
    throw new Error(
      `${reply.where} answered ${reply.status}: ${JSON.stringify(reply.body)}\n${cluster.logs()}`,
    );
  }
  return reply;
}

let signups = 0;
async function members(n: number): Promise<Member[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      signups += 1;
      // Signed up on one process, used on the others: sessions live in the database.
      const res = await api(p[(signups + i) % p.length]!, 'POST', '/auth/signup', null, {
        email: `race${signups}-${Math.random().toString(36).slice(2, 10)}@example.test`,
        password: 'correct horse battery',
        name: `Racer ${signups}`,
      });
      expect(res.status).toBe(201);
      const body = res.body as { member: { id: string }; token: string };
      return { id: body.member.id, token: body.token };
    }),
  );
}

async function invite(proc: AppProcess, from: Member, to: Member): Promise<string> {
  const res = await api(proc, 'POST', '/invitations', from, { recipientId: to.id });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { invitation: { id: string } }).invitation.id;
}

function code(reply: Reply): string | undefined {
  return (reply.body as { code?: string } | null)?.code;
}

async function invitation(id: string) {
  return cluster.storage.db
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function connected(a: Member, b: Member): Promise<number> {
  const rows = await cluster.storage.db
    .selectFrom('connections')
    .select('member_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('member_id', '=', a.id), eb('other_id', '=', b.id)]),
        eb.and([eb('member_id', '=', b.id), eb('other_id', '=', a.id)]),
      ]),
    )
    .execute();
  return rows.length;
}

/**
 * Runs `round` ROUNDS times (PER_ROUND instances at once each time), checking the invariants
 * after every round; then, until every one of `expected` outcomes has been tallied for `name`,
 * up to MAX_ROUNDS_FACTOR times as many rounds; then asserts that each occurred, so a race
 * whose requests never actually overlapped in both orders cannot pass.
 */
async function rounds(name: string, expected: string[], round: (n: number) => Promise<void>): Promise<void> {
  const missing = () => expected.filter((outcome) => seen(name, outcome) === 0);
  for (let n = 0; n < ROUNDS || (missing().length > 0 && n < ROUNDS * MAX_ROUNDS_FACTOR); n++) {
    await Promise.all(Array.from({ length: PER_ROUND }, () => round(n)));
    await expectInvariants(cluster.storage.db, `after round ${n + 1} of ${name}`);
  }
  const counts = JSON.stringify(Object.fromEntries(outcomes.get(name) ?? []));
  expect(missing(), `${name}: outcomes never seen (tallies ${counts})`).toEqual([]);
}

describe('O2 races between app processes on one PostgreSQL', () => {
  it(
    'I5 I8 accept and withdraw of the same invitation at once: exactly one wins, everywhere',
    () =>
      race(() =>
        rounds('accept vs withdraw', ['accept won', 'withdraw won'], async (n) => {
          const [a, b] = (await members(2)) as [Member, Member];
          const id = await invite(p[n % 3]!, a, b);
          const [accept, withdraw] = await Promise.all([
            api(p[(n + 1) % 3]!, 'POST', `/invitations/${id}/accept`, b),
            api(p[(n + 2) % 3]!, 'POST', `/invitations/${id}/withdraw`, a),
          ]);
          const row = await invitation(id);
          if (accept.status === 200) {
            tally('accept vs withdraw', 'accept won');
            expect(withdraw.status).toBe(409);
            expect(code(withdraw)).toBe('invitation_not_pending');
            expect(row.status).toBe('accepted');
            expect(await connected(a, b)).toBe(2);
          } else {
            tally('accept vs withdraw', 'withdraw won');
            expect([accept.status, code(accept)]).toEqual([404, 'not_found']);
            expect(withdraw.status).toBe(204);
            expect(row.status).toBe('withdrawn');
            expect(await connected(a, b)).toBe(0);
          }
          // What each side sees agrees with the winner, whichever process they ask.
          const sent = await api(p[n % 3]!, 'GET', '/invitations/sent', a);
          const received = await api(p[(n + 1) % 3]!, 'GET', '/invitations/received', b);
          expect((sent.body as { total: number }).total).toBe(0);
          expect((received.body as { total: number }).total).toBe(0);
        }),
      ),
    RACE_TIMEOUT,
  );

  it(
    'I3 A invites B while B invites A: exactly one connection, no pending invitation left',
    () =>
      race(() =>
        rounds('mutual invitations', ['A’s send went first', 'B’s send went first'], async (n) => {
          const [a, b] = (await members(2)) as [Member, Member];
          const [ab, ba] = await Promise.all([
            api(p[n % 3]!, 'POST', '/invitations', a, { recipientId: b.id }),
            api(p[(n + 1) % 3]!, 'POST', '/invitations', b, { recipientId: a.id }),
          ]);
          // One sends, the other's send accepts it (I3).
          expect([ab.status, ba.status].sort()).toEqual([200, 201]);
          tally('mutual invitations', ab.status === 201 ? 'A’s send went first' : 'B’s send went first');
          expect(await connected(a, b)).toBe(2);
          const rows = await cluster.storage.db
            .selectFrom('invitations')
            .select(['status'])
            .where((eb) =>
              eb.or([
                eb.and([eb('sender_id', '=', a.id), eb('recipient_id', '=', b.id)]),
                eb.and([eb('sender_id', '=', b.id), eb('recipient_id', '=', a.id)]),
              ]),
            )
            .execute();
          expect(rows).toEqual([{ status: 'accepted' }]);
        }),
      ),
    RACE_TIMEOUT,
  );

  it(
    `I2 50 parallel sends by one member with a daily limit of ${DAILY_LIMIT}: exactly ${DAILY_LIMIT} succeed`,
    () =>
      race(async () => {
        const recipients = await members(50);
        // One outcome is right every time (exactly the limit), so there is no order to see; what
        // shows that the sends really raced across processes is that more than one process
        // granted some of them.
        const granting = new Set<string>();
        for (let n = 0; n < ROUNDS; n++) {
          const [sender] = (await members(1)) as [Member];
          const results = await Promise.all(
            recipients.map((r, i) => api(p[i % 3]!, 'POST', '/invitations', sender, { recipientId: r.id })),
          );
          const ok = results.filter((r) => r.status === 201);
          for (const r of ok) granting.add(r.where.split(' @ ')[1]!);
          const refused = results.filter((r) => r.status === 429);
          expect(ok.length).toBe(DAILY_LIMIT);
          expect(refused.length).toBe(50 - DAILY_LIMIT);
          for (const r of refused) {
            expect(code(r)).toBe('invitation_limit_reached');
            expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
          }
          const stored = await cluster.storage.db
            .selectFrom('invitations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('sender_id', '=', sender.id)
            .executeTakeFirstOrThrow();
          expect(Number(stored.n)).toBe(DAILY_LIMIT);
          tally('50 parallel sends', `rounds with ${ok.length} sent and ${refused.length} refused`);
          await expectInvariants(cluster.storage.db, `after round ${n + 1} of the quota race`);
        }
        expect(granting.size, 'processes that granted a send').toBeGreaterThan(1);
      }),
    RACE_TIMEOUT,
  );

  it(
    'I5 double-click withdraw on two processes: both 204, withdrawn once',
    // Both answers are 204 by contract (I5: withdrawing twice is harmless), so which request
    // changed the row is not observable from outside: there is one outcome to require.
    () =>
      race(() =>
        rounds('double withdraw', ['both 204'], async (n) => {
          const [a, b] = (await members(2)) as [Member, Member];
          const id = await invite(p[n % 3]!, a, b);
          const clicks = await Promise.all([
            api(p[(n + 1) % 3]!, 'POST', `/invitations/${id}/withdraw`, a),
            api(p[(n + 2) % 3]!, 'POST', `/invitations/${id}/withdraw`, a),
          ]);
          expect(clicks.map((c) => c.status)).toEqual([204, 204]);
          tally('double withdraw', 'both 204');
          expect((await invitation(id)).status).toBe('withdrawn');
        }),
      ),
    RACE_TIMEOUT,
  );

  it(
    'I6 bulk withdraw racing single withdraws and accepts: every invitation ends exactly one way',
    () =>
      race(() =>
        rounds(
          'bulk withdraw vs singles and accepts',
          ['accepted', 'withdrawn by the bulk request', 'withdrawn by a single request'],
          async (n) => {
            const [sender, ...recipients] = (await members(7)) as [Member, ...Member[]];
            const ids = await Promise.all(recipients.map((r, i) => invite(p[(n + i) % 3]!, sender, r)));
            // Recipients 0–3 accept, the sender withdraws 2–5 one by one, and all of them in bulk.
            const accepts = recipients
              .slice(0, 4)
              .map((r, i) => api(p[(n + i) % 3]!, 'POST', `/invitations/${ids[i]}/accept`, r));
            const singles = ids
              .slice(2, 6)
              .map((id, i) => api(p[(n + i + 1) % 3]!, 'POST', `/invitations/${id}/withdraw`, sender));
            const bulk = api(p[(n + 2) % 3]!, 'POST', '/invitations/withdraw', sender, { ids });
            const [acceptReplies, singleReplies, bulkReply] = await Promise.all([
              Promise.all(accepts),
              Promise.all(singles),
              bulk,
            ]);
            expect(bulkReply.status).toBe(200);
            const { withdrawn, skipped } = bulkReply.body as { withdrawn: string[]; skipped: string[] };
            expect([...withdrawn, ...skipped].sort()).toEqual([...ids].sort());
            for (const [i, id] of ids.entries()) {
              const row = await invitation(id);
              const accept = i < 4 ? acceptReplies[i] : undefined;
              const single = i >= 2 && i < 6 ? singleReplies[i - 2] : undefined;
              expect(['accepted', 'withdrawn']).toContain(row.status);
              tally(
                'bulk withdraw vs singles and accepts',
                row.status === 'accepted'
                  ? 'accepted'
                  : withdrawn.includes(id)
                    ? 'withdrawn by the bulk request'
                    : 'withdrawn by a single request',
              );
              if (row.status === 'accepted') {
                expect(accept?.status).toBe(200);
                expect(withdrawn).not.toContain(id);
                if (single) expect([single.status, code(single)]).toEqual([409, 'invitation_not_pending']);
                expect(await connected(sender, recipients[i]!)).toBe(2);
              } else {
                if (accept) expect([accept.status, code(accept)]).toEqual([404, 'not_found']);
                if (single) expect(single.status).toBe(204);
                expect(await connected(sender, recipients[i]!)).toBe(0);
              }
            }
          },
        ),
      ),
    RACE_TIMEOUT,
  );

  it(
    'I4 I5 bulk accept racing the senders’ withdrawals: each invitation is accepted or withdrawn, never both',
    () =>
      race(() =>
        rounds('bulk accept vs withdrawals', ['accepted in bulk', 'withdrawn first'], async (n) => {
          // Senders sign up first, so their ids sort before the recipient's: the lock order that
          // a bulk accept taking its locks one invitation at a time would get wrong.
          const senders = await members(4);
          const [recipient] = (await members(1)) as [Member];
          const ids = await Promise.all(senders.map((s, i) => invite(p[(n + i) % 3]!, s, recipient)));
          const [bulk, ...withdrawals] = await Promise.all([
            api(p[n % 3]!, 'POST', '/invitations/accept', recipient, { ids }),
            ...senders.map((s, i) => api(p[(n + i + 1) % 3]!, 'POST', `/invitations/${ids[i]}/withdraw`, s)),
          ]);
          expect(bulk!.status).toBe(200);
          const { accepted, skipped } = bulk!.body as { accepted: string[]; skipped: string[] };
          expect([...accepted, ...skipped].sort()).toEqual([...ids].sort());
          for (const [i, id] of ids.entries()) {
            const row = await invitation(id);
            tally(
              'bulk accept vs withdrawals',
              accepted.includes(id) ? 'accepted in bulk' : 'withdrawn first',
            );
            if (accepted.includes(id)) {
              expect(row.status).toBe('accepted');
              expect([withdrawals[i]!.status, code(withdrawals[i]!)]).toEqual([
                409,
                'invitation_not_pending',
              ]);
              expect(await connected(senders[i]!, recipient)).toBe(2);
            } else {
              expect(row.status).toBe('withdrawn');
              expect(withdrawals[i]!.status).toBe(204);
              expect(await connected(senders[i]!, recipient)).toBe(0);
            }
          }
        }),
      ),
    RACE_TIMEOUT,
  );

  it(
    'C2 block racing accept: never a connection between a blocked pair',
    () =>
      race(() =>
        rounds('block vs accept', ['accepted first', 'blocked first'], async (n) => {
          const [a, b] = (await members(2)) as [Member, Member];
          const id = await invite(p[n % 3]!, a, b);
          // Alternate who blocks: the sender (reads withdrawn) or the recipient (reads expired).
          const blocker = n % 2 === 0 ? a : b;
          const blocked = blocker === a ? b : a;
          const [accept, block] = await Promise.all([
            api(p[(n + 1) % 3]!, 'POST', `/invitations/${id}/accept`, b),
            api(p[(n + 2) % 3]!, 'POST', '/blocks', blocker, { memberId: blocked.id }),
          ]);
          expect(block.status).toBe(204);
          expect(await connected(a, b)).toBe(0);
          const row = await invitation(id);
          tally('block vs accept', accept.status === 200 ? 'accepted first' : 'blocked first');
          tally(
            'block vs accept, by whom',
            `${accept.status === 200 ? 'accepted, then' : 'blocked first by'} ${blocker === a ? 'the sender' : 'the recipient'}${accept.status === 200 ? ' blocked' : ''}`,
          );
          if (accept.status === 200) expect(row.status).toBe('accepted');
          else {
            expect([accept.status, code(accept)]).toEqual([404, 'not_found']);
            expect(row.status).toBe(blocker === a ? 'withdrawn' : 'expired');
          }
          const profile = await api(p[n % 3]!, 'GET', `/members/${blocker.id}`, blocked);
          expect(profile.status).toBe(404);
        }),
      ),
    RACE_TIMEOUT,
  );

  it(
    'I9 every process sweeps at once (and `rapport sweep` too): each invitation expires exactly once',
    // Which sweeper expired which invitation is not recorded, so there is no order to require:
    // the test asserts the one right outcome (each expired once, counters equal a recount).
    () =>
      race(async () => {
        // Imported pending, a few seconds short of the one-day TTL; then every sweeper races for them.
        const dueIn = 4000;
        const people = Array.from({ length: 30 }, (_, i) => ({
          email: `sweep${i}-${Date.now()}@example.test`,
          password: 'correct horse battery',
          name: `Sweep ${i}`,
        }));
        const invitations = people.flatMap((from, i) =>
          people.slice(i + 1, i + 11).map((to) => ({
            from: from.email,
            to: to.email,
            sentAt: new Date(Date.now() - DAY + dueIn).toISOString(),
          })),
        );
        const dir = mkdtempSync(join(tmpdir(), 'rapport-race-'));
        const file = join(dir, 'network.json');
        writeFileSync(file, JSON.stringify({ members: people, connections: [], invitations, blocks: [] }));
        const rapport = (args: string[]) =>
          main(['node', 'rapport', ...args], {
            stdout: new PassThrough(),
            stderr: new PassThrough(),
            env: {
              ...CLUSTER_DEFAULT_ENV,
              DATABASE_URL: cluster.databaseUrl,
              RAPPORT_INVITATION_TTL_DAYS: '1',
            },
          });
        try {
          expect(await rapport(['import', file])).toBe(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        const emails = people.map((m) => m.email);
        const ours = () =>
          cluster.storage.db
            .selectFrom('invitations as i')
            .innerJoin('members as m', 'm.id', 'i.sender_id')
            .select(['i.id', 'i.status'])
            .where('m.email', 'in', emails)
            .execute();
        expect((await ours()).map((r) => r.status)).toEqual(invitations.map(() => 'pending'));

        await new Promise((r) => setTimeout(r, dueIn));
        // Two one-off sweeps join the three processes' own.
        expect(await Promise.all([rapport(['sweep']), rapport(['sweep'])])).toEqual([0, 0]);
        const deadline = Date.now() + 30_000;
        while ((await ours()).some((r) => r.status === 'pending')) {
          if (Date.now() > deadline)
            throw new Error(`the sweeps left invitations pending\n${cluster.logs()}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        const rows = await ours();
        expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['expired']));
        for (const _ of rows) tally('sweeps at once', 'expired once');
        const left = await cluster.storage.db
          .selectFrom('notifications')
          .select('id')
          .where(
            'invitation_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        expect(left).toEqual([]);
        // Counters equal a recount: had two sweeps ended one invitation, a counter would be off by one.
        await expectInvariants(cluster.storage.db, 'after the sweeps');
      }),
    RACE_TIMEOUT,
  );
});
