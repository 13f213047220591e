/**
 * Query plans on a SQLite database that was never analyzed: a new deployment, or one that grew
 * from empty. Without statistics the planner guesses from the indexes alone, and an index that
 * leads with a low-selectivity column (`status`) once looked better to it than the primary key:
 * a bulk withdraw of 10,000 walked every pending invitation once per chunk (3.8 s instead of
 * 0.7 s on a million invitations). These tests read the plan of the statements the hot paths
 * really run, captured from Kysely's query log. SQLite only: PostgreSQL always has statistics
 * (autovacuum analyzes) and plans differently on small tables.
 */
import { setModerator } from '../../src/commands/setModerator.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, sql, SqliteDialect } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { openRuntime } from '../../src/runtime.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import {
  endPendingInvitations,
  findPendingByPair,
  lastWithdrawnAt,
} from '../../src/storage/repositories/invitations.js';
import { pendingSentUpTo } from '../../src/storage/repositories/sweep.js';
import type { Database } from '../../src/storage/tables.js';
import { createTestApp, DAY } from '../helpers/app.js';
import { buildWorld } from '../helpers/world.js';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

const opened: SQLite.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function unanalyzedDatabase() {
  const sqlite = new SQLite(':memory:');
  opened.push(sqlite);
  const captured: Captured[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query')
        captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  await migrateToLatest(db);
  expect(sqlite.prepare(`select name from sqlite_master where name = 'sqlite_stat1'`).all()).toEqual([]);
  captured.length = 0;
  return { sqlite, db, captured };
}

function planOf(sqlite: SQLite.Database, query: Captured): string {
  const rows = sqlite.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as {
    detail: string;
  }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans without planner statistics (I6, I9)', () => {
  it('a bulk withdraw finds its invitations by primary key, not by walking every pending one', async () => {
    const { sqlite, db, captured } = await unanalyzedDatabase();
    const ids = Array.from({ length: 500 }, (_, i) => `inv-${i}`);
    await endPendingInvitations(db, ids, 'withdrawn', Date.now(), { senderId: 'member-1' });
    await endPendingInvitations(db, ids, 'accepted', Date.now(), { recipientId: 'member-2' });
    await endPendingInvitations(db, ids, 'expired', Date.now(), { ttlMs: 1000 });
    const updates = captured.filter((q) => q.sql.startsWith('update "invitations"'));
    expect(updates).toHaveLength(3);
    for (const update of updates) {
      const plan = planOf(sqlite, update);
      expect(plan).toMatch(/USING INDEX sqlite_autoindex_invitations_1 \(id=\?\)/);
    }
  });

  it('the expiry sweep reads only the pending invitations past the cut-off, from their own index', async () => {
    const { sqlite, db, captured } = await unanalyzedDatabase();
    await pendingSentUpTo(db, Date.now(), 500);
    const [query] = captured;
    expect(query).toBeDefined();
    const plan = planOf(sqlite, query as Captured);
    expect(plan).toMatch(/USING (COVERING )?INDEX invitations_pending_by_age \(sent_at<\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('pair lookups (I2, I3, I7)', () => {
  it('the pending invitation of a pair and the last withdrawal each read their partial index', async () => {
    const { sqlite, db, captured } = await unanalyzedDatabase();
    await findPendingByPair(db, 'a:b');
    await lastWithdrawnAt(db, 'a', 'a:b');
    expect(captured).toHaveLength(2);
    const [pending, withdrawn] = captured.map((q) => planOf(sqlite, q));
    expect(pending).toMatch(/USING INDEX invitations_one_pending_per_pair \(pair_key=\?\)/);
    expect(withdrawn).toMatch(
      /USING COVERING INDEX invitations_withdrawn_pair \(pair_key=\? AND sender_id=\?\)/,
    );
  });
});

describe('every statement the API runs reads through an index (I4, I6, bench/)', () => {
  it('no full scan of a member-sized table, on a database that was never analyzed', async () => {
    const statements = new Map<string, readonly unknown[]>();
    const t = await createTestApp({ onQuery: (q) => statements.set(q.sql, q.parameters) });
    try {
      const w = await buildWorld(t);
      const extra = [];
      for (const name of ['Fay', 'Gus', 'Hal']) extra.push(await t.signUp(name));
      const sent = [];
      for (const m of extra) {
        const res = await t.api('POST', '/invitations', w.ada, { recipientId: m.id, message: 'Hello' });
        sent.push((res.json() as { invitation: { id: string } }).invitation.id);
      }
      const toAda = [];
      for (const m of extra) {
        const res = await t.api('POST', '/invitations', m, { recipientId: w.bob.id });
        toAda.push((res.json() as { invitation: { id: string } }).invitation.id);
      }
      await setModerator(t.deps, { email: w.ada.email, moderator: true });
      await t.api('POST', '/reports', w.carol, { memberId: w.dave.id, reason: 'spam' });
      const first = await t.api('GET', '/invitations/sent?limit=1', w.ada);
      const cursor = encodeURIComponent(String((first.json() as { nextCursor: string }).nextCursor));
      for (const path of [
        `/invitations/sent?limit=1&cursor=${cursor}`,
        '/invitations/sent?olderThanDays=1',
        '/invitations/sent?query=fa',
        '/invitations/received?limit=50',
        '/invitations/history',
        '/invitations/history?format=csv',
        '/invitations/insights',
        '/invitations/quota',
        `/members/${w.bob.id}`,
        `/members/${w.carol.id}`,
        '/members?query=a',
        '/connections',
        '/blocks',
        '/settings',
        '/network/summary',
        '/notifications',
        '/me',
        // M4: the console's reads (Ada is made a moderator below).
        '/admin/reports',
        '/admin/reports?status=resolved',
        `/admin/members/${w.bob.id}`,
        '/admin/members?query=bob',
        `/admin/members?query=${encodeURIComponent(w.bob.email)}`,
        '/admin/audit',
        '/admin/audit?format=csv',
      ]) {
        const res = await t.api('GET', path, w.ada);
        expect(res.statusCode, path).toBe(200);
      }
      // Every write must really happen, or its statements would go unread.
      const writes: [string, string, typeof w.ada, unknown?][] = [
        ['POST', `/invitations/${w.carolToAda}/ignore`, w.ada],
        ['POST', '/invitations/accept', w.bob, { ids: toAda.slice(0, 2) }],
        ['POST', '/invitations/ignore', w.bob, { ids: toAda.slice(2) }],
        ['POST', `/invitations/${sent[0]}/withdraw`, w.ada],
        ['POST', '/invitations/withdraw', w.ada, { ids: sent.slice(1, 2) }],
        ['POST', '/invitations/withdraw', w.ada, { olderThanDays: 1 }],
        ['POST', '/notifications/read', w.ada, { all: true }],
        ['PATCH', '/settings', w.ada, { autoWithdrawAfterDays: 30 }],
      ];
      for (const [method, path, as, body] of writes) {
        const res = await t.api(method, path, as, body);
        expect(res.statusCode, `${method} ${path}`).toBeLessThan(300);
      }
      t.clock.advance(200 * DAY);
      await runSweep(t.deps);
      for (const [method, path, as, body] of [
        ['DELETE', `/connections/${w.dave.id}`, w.ada],
        ['DELETE', `/blocks/${w.erin.id}`, w.ada],
        ['DELETE', '/me', w.bob, { password: w.bob.password }],
      ] as [string, string, typeof w.ada, unknown?][]) {
        const res = await t.api(method, path, as, body);
        expect(res.statusCode, `${method} ${path}`).toBe(204);
      }

      const scans: string[] = [];
      for (const [text, parameters] of statements) {
        if (!/^\s*(select|update|delete|insert|with)\b/i.test(text)) continue;
        // Known and accepted: "name contains" cannot use a B-tree; it reads the narrow
        // (name_lower, id) index, not the table (docs/architecture.md, search). The same for the
        // moderators' member lookup by name (M4).
        if (/from "members" where \(?"name_lower" like/.test(text)) continue;
        // A migration's rebuild of a table, read once and gone by now.
        if (/email_outbox_(new|old)\b/.test(text)) continue;
        const plan = await t.deps.db.executeQuery(
          CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
        );
        for (const row of plan.rows as { detail: string }[]) {
          if (/^SCAN (invitations|notifications|connections|members|sessions|blocks)\b/.test(row.detail))
            scans.push(`${row.detail} ← ${text}`);
        }
      }
      expect(statements.size).toBeGreaterThan(60);
      expect(scans).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('page cache (bench/)', () => {
  it('serve opens SQLite with RAPPORT_SQLITE_CACHE_MB of page cache, 32 MiB by default', async () => {
    expect(loadConfig({}).sqliteCacheMb).toBe(32);
    expect(() => loadConfig({ RAPPORT_SQLITE_CACHE_MB: '0' })).toThrow(/RAPPORT_SQLITE_CACHE_MB/);
    const dir = mkdtempSync(join(tmpdir(), 'rapport-cache-'));
    try {
      const config = loadConfig({ DATABASE_URL: join(dir, 'r.db'), RAPPORT_SQLITE_CACHE_MB: '16' });
      const runtime = await openRuntime(config);
      try {
        const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(runtime.deps.db);
        expect(rows[0]?.cache_size).toBe(-16 * 1024);
      } finally {
        await runtime.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
