import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/database.js';
import { testDialect } from '../helpers/app.js';
import { findViolations } from '../helpers/invariants.js';
import { createDatabase, dropDatabase } from '../helpers/postgres.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

/**
 * Crash safety (O1, O2): a real `rapport serve` process on a database file (SQLite) or server
 * (PostgreSQL) takes concurrent signups, sends, withdrawals, accepts and ignores — with the sweep
 * running every second — and is killed with SIGKILL in the middle of it. After each kill every
 * write it had acknowledged with a 2xx must be there, the database must pass its integrity
 * check, and every counter must equal a recount (test/helpers/invariants.ts). Then it is
 * started again on the same database, and the next round begins. CRASH_ROUNDS (default 3) and
 * CRASH_SEED run it longer.
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? 20261127);
const WORKERS = 12;

type Ack =
  | { kind: 'signup'; id: string; token: string }
  | { kind: 'send'; id: string; sender: string; recipient: string }
  | { kind: 'withdraw'; id: string }
  | { kind: 'accept'; id: string; sender: string; recipient: string }
  | { kind: 'ignore'; id: string };

interface Member {
  id: string;
  token: string;
}
interface Invitation {
  id: string;
  sender: Member;
  recipient: Member;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const figures = { rounds: 0, acknowledged: 0, checks: 0, unanswered: 0, lost: 0, fiveXX: 0 };

afterAll(() => {
  console.info(
    `[issue-6 figures] crash (${testDialect}): ${figures.rounds} SIGKILL rounds, ${figures.acknowledged} acknowledged writes, ` +
      `${figures.checks} presence checks, ${figures.unanswered} requests cut off by the kill; ` +
      `${figures.lost} lost writes, ${figures.fiveXX} 5xx answers`,
  );
});

class Load {
  readonly members: Member[] = [];
  readonly invitations: Invitation[] = [];
  readonly acks: Ack[] = [];
  readonly errors: string[] = [];
  private stopped = false;
  private signups = 0;

  constructor(
    private readonly random: () => number,
    private readonly tag: string,
  ) {}

  private pick<T>(items: T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  private async call(
    server: ServerProcess,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 500) {
      figures.fiveXX += 1;
      this.errors.push(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
    }
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** One random write; its acknowledgement is recorded only once the whole answer has arrived. */
  private async once(server: ServerProcess): Promise<void> {
    const roll = this.random();
    if (this.members.length < 6 || roll < 0.15) {
      this.signups += 1;
      const res = await this.call(server, 'POST', '/auth/signup', null, {
        email: `crash-${this.tag}-${this.signups}@example.test`,
        password: 'correct horse battery',
        name: `Crash ${this.signups}`,
      });
      if (res.status === 201) {
        const member = { id: (res.body.member as { id: string }).id, token: res.body.token as string };
        this.members.push(member);
        this.acks.push({ kind: 'signup', ...member });
      }
      return;
    }
    if (roll < 0.55) {
      const sender = this.pick(this.members) as Member;
      const recipient = this.pick(this.members) as Member;
      const res = await this.call(server, 'POST', '/invitations', sender.token, {
        recipientId: recipient.id,
        message: 'Crash-tested note',
      });
      if (res.status === 201) {
        const id = (res.body.invitation as { id: string }).id;
        this.invitations.push({ id, sender, recipient });
        this.acks.push({ kind: 'send', id, sender: sender.id, recipient: recipient.id });
      }
      return;
    }
    const invitation = this.pick(this.invitations);
    if (!invitation) return;
    if (roll < 0.72) {
      const res = await this.call(
        server,
        'POST',
        `/invitations/${invitation.id}/withdraw`,
        invitation.sender.token,
      );
      if (res.status === 204) this.acks.push({ kind: 'withdraw', id: invitation.id });
    } else if (roll < 0.9) {
      const res = await this.call(
        server,
        'POST',
        `/invitations/${invitation.id}/accept`,
        invitation.recipient.token,
      );
      if (res.status === 200) {
        this.acks.push({
          kind: 'accept',
          id: invitation.id,
          sender: invitation.sender.id,
          recipient: invitation.recipient.id,
        });
      }
    } else {
      const res = await this.call(
        server,
        'POST',
        `/invitations/${invitation.id}/ignore`,
        invitation.recipient.token,
      );
      if (res.status === 204) this.acks.push({ kind: 'ignore', id: invitation.id });
    }
  }

  /** Runs WORKERS concurrent loops until stop(); requests the kill cuts off count as unanswered. */
  run(server: ServerProcess): Promise<void> {
    this.stopped = false;
    const worker = async () => {
      while (!this.stopped) {
        try {
          await this.once(server);
        } catch {
          figures.unanswered += 1;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    return Promise.all(Array.from({ length: WORKERS }, worker)).then(() => undefined);
  }

  stop(): void {
    this.stopped = true;
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** Every acknowledged write, looked up in the database the killed process left behind. */
async function checkAcknowledged(databaseUrl: string, acks: Ack[]): Promise<string[]> {
  const storage = openStorage(databaseUrl, { poolSize: 2 });
  const { db } = storage;
  const lost: string[] = [];
  try {
    const members = new Set((await db.selectFrom('members').select('id').execute()).map((r) => r.id));
    const invitations = new Map(
      (await db.selectFrom('invitations').selectAll().execute()).map((r) => [r.id, r]),
    );
    const connections = new Set(
      (await db.selectFrom('connections').select(['member_id', 'other_id']).execute()).map(
        (r) => `${r.member_id}>${r.other_id}`,
      ),
    );
    for (const ack of acks) {
      figures.checks += 1;
      const inv = ack.kind === 'signup' ? undefined : invitations.get(ack.id);
      const ok =
        ack.kind === 'signup'
          ? members.has(ack.id)
          : ack.kind === 'send'
            ? inv?.sender_id === ack.sender && inv.recipient_id === ack.recipient
            : ack.kind === 'withdraw'
              ? inv?.status === 'withdrawn'
              : ack.kind === 'accept'
                ? inv?.status === 'accepted' &&
                  connections.has(`${ack.sender}>${ack.recipient}`) &&
                  connections.has(`${ack.recipient}>${ack.sender}`)
                : inv?.ignored_at !== null && inv?.ignored_at !== undefined;
      if (!ok) lost.push(`${ack.kind} ${ack.id}: ${JSON.stringify(inv ?? null)}`);
    }

    const violations = await findViolations(db);
    for (const v of violations)
      lost.push(`invariant broken: ${v.invariant} ${JSON.stringify(v.rows.slice(0, 3))}`);
    if (storage.dialect === 'sqlite') {
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      if (integrity.rows.map((r) => r.integrity_check).join() !== 'ok') {
        lost.push(`integrity_check: ${JSON.stringify(integrity.rows)}`);
      }
      const foreignKeys = await sql`pragma foreign_key_check`.execute(db);
      if (foreignKeys.rows.length > 0) lost.push(`foreign_key_check: ${JSON.stringify(foreignKeys.rows)}`);
    }
  } finally {
    await storage.close();
  }
  return lost;
}

describe('crash safety: SIGKILL under write load loses no acknowledged write', () => {
  it(`O1 O2 ${ROUNDS} rounds of load, SIGKILL and restart on one ${testDialect} database`, async () => {
    let databaseUrl: string;
    if (testDialect === 'postgres') {
      databaseUrl = await createDatabase('rapport_crash');
      cleanup.push(() => dropDatabase(databaseUrl));
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
      databaseUrl = join(dir, 'rapport.db');
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    }
    const env = {
      DATABASE_URL: databaseUrl,
      RAPPORT_SIGNUPS_PER_HOUR: '10000000',
      RAPPORT_INVITES_PER_DAY: '1000000',
      RAPPORT_INVITES_PER_WEEK: '10000000',
      // The sweep runs every second, so the kill can land in one too.
      RAPPORT_SWEEP_INTERVAL_SECONDS: '1',
    };
    const random = prng(SEED);
    const load = new Load(random, `${process.pid}-${SEED}`);

    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServerProcess(env);
      cleanup.push(() => server.kill('SIGKILL'));
      // Those who signed up before the last kill can still sign in with their session.
      for (const member of load.members.slice(0, 5)) {
        const me = await fetch(`${server.url}/api/v1/me`, {
          headers: { authorization: `Bearer ${member.token}` },
        });
        expect(me.status, `member ${member.id} after restart`).toBe(200);
      }
      const running = load.run(server);
      await new Promise((r) => setTimeout(r, 800 + Math.floor(random() * 1700)));
      await server.kill('SIGKILL');
      expect(server.child.signalCode).toBe('SIGKILL');
      load.stop();
      await running;
      figures.rounds += 1;

      const lost = await checkAcknowledged(databaseUrl, load.acks);
      figures.lost += lost.length;
      expect(lost, `round ${round}: acknowledged writes missing or a broken database`).toEqual([]);
      expect(load.errors, `round ${round}: 5xx answers\n${server.output.join('\n')}`).toEqual([]);
    }
    figures.acknowledged += load.acks.length;
    expect(load.acks.filter((a) => a.kind === 'send').length).toBeGreaterThan(0);

    // And it starts once more on what the last kill left, and serves it.
    const last = await startServerProcess(env);
    cleanup.push(() => last.kill('SIGTERM'));
    const sample = load.invitations.at(-1) as Invitation;
    const history = await fetch(`${last.url}/api/v1/invitations/history?limit=100`, {
      headers: { authorization: `Bearer ${sample.sender.token}` },
    });
    expect(history.status).toBe(200);
    expect(JSON.stringify(await history.json())).toContain(sample.id);
  }, 240_000);
});
