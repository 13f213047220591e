/**
 * Query plans on a SQLite database that was never analyzed: a new deployment, or one that grew
 * from empty. Without statistics the planner guesses from the indexes alone, and an index that
 * leads with a low-selectivity column (`status`) once looked better to it than the primary key:
 * a bulk withdraw of 10,000 walked every pending invitation once per chunk (3.8 s instead of
 * 0.7 s on a million invitations). These tests read the plan of the statements the hot paths
 * really run, captured from Kysely's query log. SQLite only: PostgreSQL always has statistics
 * (autovacuum analyzes) and plans differently on small tables.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { endPendingInvitations } from '../../src/storage/repositories/invitations.js';
import { pendingSentUpTo } from '../../src/storage/repositories/sweep.js';
import type { Database } from '../../src/storage/tables.js';

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
