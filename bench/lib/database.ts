/**
 * The benchmark's database: a fresh SQLite file in a temporary folder, or a fresh PostgreSQL
 * database on the server DATABASE_URL names (dropped afterwards); seeded, given sessions for
 * the members the scenarios act as, and queried directly for the in-process baselines.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { DAY } from '../../src/clock.js';
import { newSessionToken } from '../../src/security/tokens.js';
import { isPostgresUrl, openStorage, type Storage } from '../../src/storage/database.js';
import { newId } from '../../src/storage/ids.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export interface BenchDatabase {
  url: string;
  dialect: 'sqlite' | 'postgres';
  where: string;
  /** Opened by `open()`, after seeding (the seeder wants the file to itself). */
  storage: Storage;
  open(): void;
  /** Bytes on disk (SQLite) or the database's size (PostgreSQL). */
  size(): Promise<number>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(
  serverUrl: string | undefined,
  dir: string | undefined,
): Promise<BenchDatabase> {
  if (serverUrl && isPostgresUrl(serverUrl)) {
    const name = `rapport_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    await migrate(url);
    const db: BenchDatabase = {
      url,
      dialect: 'postgres',
      where: `PostgreSQL database ${name} (dropped afterwards)`,
      storage: null as unknown as Storage,
      open: () => {
        db.storage = openStorage(url);
      },
      size: async () => {
        const { rows } = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(
          db.storage.db,
        );
        return Number(rows[0]?.n ?? 0);
      },
      drop: async () => {
        await db.storage?.close().catch(() => {});
        const admin2 = new pg.Client({ connectionString: serverUrl });
        await admin2.connect();
        await admin2.query(`drop database if exists "${name}" with (force)`);
        await admin2.end();
      },
    };
    return db;
  }
  const folder = mkdtempSync(join(dir ?? tmpdir(), 'rapport-bench-'));
  const url = join(folder, 'bench.db');
  await migrate(url);
  const db: BenchDatabase = {
    url,
    dialect: 'sqlite',
    where: `SQLite file ${url} (removed afterwards)`,
    storage: null as unknown as Storage,
    open: () => {
      db.storage = openStorage(url);
    },
    size: async () => ['', '-wal'].reduce((sum, suffix) => sum + safeSize(url + suffix), 0),
    drop: async () => {
      await db.storage?.close().catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return db;
}

async function migrate(url: string): Promise<void> {
  const storage = openStorage(url);
  try {
    await migrateToLatest(storage.db);
  } finally {
    await storage.close();
  }
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The table the one-insert baseline writes to (not part of Rapport's schema). */
export async function createBaselineTable(db: BenchDatabase): Promise<void> {
  await sql`create table bench_inserts (id varchar(64) primary key, member_id varchar(64) not null, note text, created_at bigint not null)`.execute(
    db.storage.db,
  );
}

/** Sessions for the given members, written directly (logging in a thousand members is not the point). */
export async function createSessions(
  db: BenchDatabase,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const now = Date.now();
  const rows = memberIds.map((memberId) => {
    const { token, tokenHash } = newSessionToken();
    tokens.set(memberId, token);
    return { token_hash: tokenHash, member_id: memberId, created_at: now, expires_at: now + 30 * DAY };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db.storage.db
      .insertInto('sessions')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return tokens;
}

export interface Cast {
  /** The first seeded members, each with 10,000 pending sent invitations. */
  heavy: string[];
  /** Members with about 10 pending sent invitations. */
  light: string[];
  /** Members with the most pending received invitations. */
  inbox: string[];
  /** Senders and recipients for the send/withdraw/accept scenarios (disjoint sets). */
  senders: string[];
  recipients: string[];
  /** Profiles to view. */
  profiles: string[];
}

export async function chooseCast(
  db: BenchDatabase,
  heavy: { count: number; pending: number },
  size: number,
): Promise<Cast> {
  const q = db.storage.db;
  const heavyIds = (
    await q
      .selectFrom('members')
      .select('id')
      .where('pending_sent_count', '>=', heavy.pending)
      .orderBy('id')
      .limit(heavy.count)
      .execute()
  ).map((r) => r.id);
  const withPending = async (low: number, high: number) =>
    (
      await q
        .selectFrom('members')
        .select('id')
        .where('pending_sent_count', '>=', low)
        .where('pending_sent_count', '<=', high)
        .orderBy('created_at')
        .limit(50)
        .execute()
    ).map((r) => r.id);
  let light = await withPending(10, 10);
  if (light.length === 0) light = await withPending(7, 13);
  const inbox = (
    await q.selectFrom('members').select('id').orderBy('pending_received_count', 'desc').limit(200).execute()
  ).map((r) => r.id);
  // Ordinary members from the middle of the id range: open to invitations from everyone.
  const total = Number(
    (
      await q
        .selectFrom('members')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const ordinary = (
    await q
      .selectFrom('members')
      .select('id')
      .where('who_can_invite', '=', 'everyone')
      .where('pending_sent_count', '<', Math.min(100, heavy.pending))
      .orderBy('created_at')
      .offset(Math.floor(total / 3))
      .limit(2 * size)
      .execute()
  ).map((r) => r.id);
  const profiles = (
    await q.selectFrom('members').select('id').orderBy('created_at', 'desc').limit(5000).execute()
  ).map((r) => r.id);
  return {
    heavy: heavyIds,
    light,
    inbox,
    senders: ordinary.filter((_, i) => i % 2 === 0),
    recipients: ordinary.filter((_, i) => i % 2 === 1),
    profiles,
  };
}

/**
 * Every sender → recipient pair of the cast the seeded data already relates: an invitation of
 * any status either way (pending, or ended and under the resend cooldown), a connection or a
 * block. The send scenario skips these, so each of its requests is a send the rules allow and
 * a refusal is a failure to explain, not the data's doing.
 */
export async function relatedPairs(
  db: BenchDatabase,
  senders: readonly string[],
  recipients: readonly string[],
): Promise<Set<string>> {
  const pairs = new Set<string>();
  const q = db.storage.db;
  for (let i = 0; i < senders.length; i += 500) {
    const some = senders.slice(i, i + 500);
    const invitations = await q
      .selectFrom('invitations')
      .select(['sender_id as a', 'recipient_id as b'])
      .where((eb) =>
        eb.or([
          eb.and([eb('sender_id', 'in', some), eb('recipient_id', 'in', recipients)]),
          eb.and([eb('recipient_id', 'in', some), eb('sender_id', 'in', recipients)]),
        ]),
      )
      .execute();
    const connections = await q
      .selectFrom('connections')
      .select(['member_id as a', 'other_id as b'])
      .where('member_id', 'in', some)
      .where('other_id', 'in', recipients)
      .execute();
    const blocks = await q
      .selectFrom('blocks')
      .select(['blocker_id as a', 'blocked_id as b'])
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', 'in', some), eb('blocked_id', 'in', recipients)]),
          eb.and([eb('blocked_id', 'in', some), eb('blocker_id', 'in', recipients)]),
        ]),
      )
      .execute();
    for (const { a, b } of [...invitations, ...connections, ...blocks]) {
      pairs.add(`${a} ${b}`);
      pairs.add(`${b} ${a}`);
    }
  }
  return pairs;
}

/** Pending invitations sent since `since` by these senders (what the send scenario made). */
export async function pendingSentSince(
  db: BenchDatabase,
  senders: readonly string[],
  since: number,
): Promise<{ id: string; sender_id: string; recipient_id: string }[]> {
  const rows: { id: string; sender_id: string; recipient_id: string }[] = [];
  for (let i = 0; i < senders.length; i += 500) {
    rows.push(
      ...(await db.storage.db
        .selectFrom('invitations')
        .select(['id', 'sender_id', 'recipient_id'])
        .where('sender_id', 'in', senders.slice(i, i + 500))
        .where('status', '=', 'pending')
        .where('sent_at', '>=', since)
        .execute()),
    );
  }
  return rows;
}

export async function pendingIdsOf(db: BenchDatabase, senderId: string): Promise<string[]> {
  const rows = await db.storage.db
    .selectFrom('invitations')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.id);
}

const KEYSET_SQL = `select i.id, i.message, i.sent_at, m.id as member_id, m.name, m.headline
  from invitations i join members m on m.id = i.recipient_id
 where i.sender_id = $1 and i.status = 'pending' and i.sent_at > $2
   and i.sent_at <= $3 and (i.sent_at < $3 or (i.sent_at = $3 and i.id < $4))
 order by i.sent_at desc, i.id desc limit 51`;

/**
 * The raw keyset page query (50 rows, the same shape as the Sent tab's) run in-process through
 * the driver itself, for `seconds`, paging through each heavy member's list over and over:
 * pages per second. On PostgreSQL, as many loops as the pool has connections run at once.
 */
export async function rawKeysetPages(
  db: BenchDatabase,
  members: readonly string[],
  seconds: number,
  ttlDays: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const cutoff = Date.now() - ttlDays * DAY;
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  if (db.dialect === 'sqlite') {
    const raw = new SQLite(db.url, { readonly: true });
    const statement = raw.prepare(KEYSET_SQL.replace(/\$(\d)/g, '@p$1'));
    let m = 0;
    while (performance.now() < end) {
      const member = members[m++ % members.length] as string;
      let after = { t: Number.MAX_SAFE_INTEGER, id: '' };
      for (;;) {
        const t0 = performance.now();
        const rows = statement.all({ p1: member, p2: cutoff, p3: after.t, p4: after.id }) as {
          id: string;
          sent_at: number;
        }[];
        latencies.push(performance.now() - t0);
        if (rows.length <= 50 || performance.now() >= end) break;
        const last = rows[49] as { id: string; sent_at: number };
        after = { t: last.sent_at, id: last.id };
      }
    }
    raw.close();
  } else {
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    let m = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (performance.now() < end) {
          const member = members[m++ % members.length] as string;
          let after = { t: Number.MAX_SAFE_INTEGER, id: '~' };
          for (;;) {
            const t0 = performance.now();
            const { rows } = await pool.query<{ id: string; sent_at: number }>(KEYSET_SQL, [
              member,
              cutoff,
              after.t,
              after.id,
            ]);
            latencies.push(performance.now() - t0);
            if (rows.length <= 50 || performance.now() >= end) break;
            const last = rows[49] as { id: string; sent_at: number };
            after = { t: Number(last.sent_at), id: last.id };
          }
        }
      }),
    );
    await pool.end();
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/**
 * The raw set-based withdrawal of a member's pending invitations, in-process through the driver:
 * one transaction of chunked UPDATE / DELETE statements and the two counter updates. Milliseconds.
 */
export async function rawBulkWithdraw(
  db: BenchDatabase,
  senderId: string,
  ids: readonly string[],
): Promise<number> {
  const started = performance.now();
  await db.storage.db.transaction().execute(async (trx) => {
    const recipients: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const ended = await trx
        .updateTable('invitations')
        .set({ status: 'withdrawn', ended_at: Date.now() })
        .where('id', 'in', chunk)
        .where('status', '=', 'pending')
        .returning(['recipient_id', 'ignored_at'])
        .execute();
      for (const row of ended) if (row.ignored_at === null) recipients.push(row.recipient_id);
      await trx.deleteFrom('notifications').where('invitation_id', 'in', chunk).execute();
    }
    await trx
      .updateTable('members')
      .set((eb) => ({ pending_sent_count: eb('pending_sent_count', '-', ids.length) }))
      .where('id', '=', senderId)
      .execute();
    for (let i = 0; i < recipients.length; i += 500) {
      await trx
        .updateTable('members')
        .set((eb) => ({ pending_received_count: eb('pending_received_count', '-', 1) }))
        .where('id', 'in', recipients.slice(i, i + 500))
        .execute();
    }
  });
  return performance.now() - started;
}

/**
 * The machine's batched-insert limit on this database: `rows` rows of an index-less table in one
 * transaction, 100 rows per statement, through the driver. Rows per second.
 */
export async function rawBatchedInsertRate(db: BenchDatabase, rows: number): Promise<number> {
  const values = (i: number) => [
    newId(),
    `member-${i % 1000}`,
    'Hi, I enjoyed your talk. Would love to connect.',
    Date.now(),
  ];
  if (db.dialect === 'sqlite') {
    const raw = new SQLite(db.url);
    raw.exec(
      'create table bench_batched (id text primary key, member_id text, note text, created_at integer)',
    );
    const statement = raw.prepare(
      `insert into bench_batched values ${new Array(100).fill('(?,?,?,?)').join(',')}`,
    );
    const started = performance.now();
    raw.transaction(() => {
      for (let i = 0; i < rows; i += 100) {
        const batch: unknown[] = [];
        for (let j = 0; j < 100; j++) batch.push(...values(i + j));
        statement.run(batch);
      }
    })();
    const seconds = (performance.now() - started) / 1000;
    raw.exec('drop table bench_batched');
    raw.close();
    return rows / seconds;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    'create table bench_batched (id text primary key, member_id text, note text, created_at bigint)',
  );
  const text = `insert into bench_batched values ${Array.from({ length: 100 }, (_, r) => `($${4 * r + 1},$${4 * r + 2},$${4 * r + 3},$${4 * r + 4})`).join(',')}`;
  const started = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows; i += 100) {
    const batch: unknown[] = [];
    for (let j = 0; j < 100; j++) batch.push(...values(i + j));
    await client.query(text, batch);
  }
  await client.query('commit');
  const seconds = (performance.now() - started) / 1000;
  await client.query('drop table bench_batched');
  await client.end();
  return rows / seconds;
}
