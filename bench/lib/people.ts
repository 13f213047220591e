/**
 * The People figures (P1, P2): a member near the 30,000-connection cap, the cost of mutual
 * connection counts on a page of 50, and the suggestions endpoint for that member.
 */
import { sql } from 'kysely';
import { systemClock } from '../../src/clock.js';
import type { Deps } from '../../src/commands/deps.js';
import { testConfig } from '../../src/config.js';
import { InProcessBus } from '../../src/events/bus.js';
import { Metrics } from '../../src/metrics.js';
import { listReceivedInvitations } from '../../src/queries/listReceivedInvitations.js';
import {
  adjustMutualCounts,
  countMutual,
  recomputeMutualCounts,
} from '../../src/storage/repositories/mutualCounts.js';
import { chunk } from '../../src/storage/chunk.js';
import { newId, pairKey } from '../../src/storage/ids.js';
import type { BenchDatabase } from './database.js';

/**
 * Connects `viewer` with `count` members it has nothing to do with yet (no invitation either way,
 * no connection, no block), both directed rows and both counters, as accepting would. Returns
 * how many it added (fewer only if the data has fewer such members).
 */
export async function connectMany(db: BenchDatabase, viewer: string, count: number): Promise<number> {
  const q = db.storage.db;
  const { rows } = await sql<{ id: string }>`
    select m.id from members m where ${strangers(viewer)} order by m.id limit ${count}`.execute(q);
  const others = rows.map((r) => r.id);
  const at = Date.now();
  await q.transaction().execute(async (trx) => {
    for (const part of chunk(others, 250)) {
      await trx
        .insertInto('connections')
        .values(
          part.flatMap((other) => [
            { member_id: viewer, other_id: other, connected_at: at },
            { member_id: other, other_id: viewer, connected_at: at },
          ]),
        )
        .execute();
      await trx
        .updateTable('members')
        .set((eb) => ({ connection_count: eb('connection_count', '+', 1) }))
        .where('id', 'in', part)
        .execute();
    }
    await trx
      .updateTable('members')
      .set((eb) => ({ connection_count: eb('connection_count', '+', others.length) }))
      .where('id', '=', viewer)
      .execute();
  });
  await settle(db);
  return others.length;
}

/** Members `viewer` has nothing to do with: no invitation either way, no connection, no block. */
function strangers(viewer: string) {
  return sql`
    m.id <> ${viewer}
    and m.suspended_at is null
    and not exists (select 1 from connections c where c.member_id = ${viewer} and c.other_id = m.id)
    and not exists (select 1 from invitations i where i.sender_id = ${viewer} and i.recipient_id = m.id)
    and not exists (select 1 from invitations i where i.recipient_id = ${viewer} and i.sender_id = m.id)
    and not exists (select 1 from blocks b where (b.blocker_id = ${viewer} and b.blocked_id = m.id) or (b.blocked_id = ${viewer} and b.blocker_id = m.id))`;
}

/**
 * The viewer's first Received page is `count` pending invitations from members who share
 * connections with it: `count` strangers each send one (newer than anything seeded), and each
 * gains `shared` of the viewer's connections as their own — so every row of the page has mutual
 * connections to count, as on the Received tab of a member near the cap. Returns the senders.
 */
export async function inviteFromSharing(
  db: BenchDatabase,
  viewer: string,
  count: number,
  shared: number,
): Promise<string[]> {
  const q = db.storage.db;
  const { rows } = await sql<{ id: string }>`
    select m.id from members m where ${strangers(viewer)} order by m.id desc limit ${count}`.execute(q);
  const senders = rows.map((r) => r.id);
  const friends = (
    await q
      .selectFrom('connections')
      .select('other_id')
      .where('member_id', '=', viewer)
      .orderBy('other_id')
      .limit(count * shared)
      .execute()
  ).map((r) => r.other_id);
  const at = Date.now();
  await q.transaction().execute(async (trx) => {
    for (const [k, sender] of senders.entries()) {
      const known = new Set(
        (
          await trx.selectFrom('connections').select('other_id').where('member_id', '=', sender).execute()
        ).map((r) => r.other_id),
      );
      const mine = friends.slice(k * shared, (k + 1) * shared).filter((f) => !known.has(f));
      if (mine.length > 0) {
        await trx
          .insertInto('connections')
          .values(
            mine.flatMap((other) => [
              { member_id: sender, other_id: other, connected_at: at },
              { member_id: other, other_id: sender, connected_at: at },
            ]),
          )
          .execute();
        await trx
          .updateTable('members')
          .set((eb) => ({ connection_count: eb('connection_count', '+', 1) }))
          .where('id', 'in', mine)
          .execute();
      }
      await trx
        .updateTable('members')
        .set((eb) => ({
          connection_count: eb('connection_count', '+', mine.length),
          pending_sent_count: eb('pending_sent_count', '+', 1),
        }))
        .where('id', '=', sender)
        .execute();
      await trx
        .insertInto('invitations')
        .values({
          id: newId(),
          sender_id: sender,
          recipient_id: viewer,
          pair_key: pairKey(sender, viewer),
          message: null,
          sent_at: at + k,
          status: 'pending',
          ignored_at: null,
          ended_at: null,
        })
        .execute();
    }
    await trx
      .updateTable('members')
      .set((eb) => ({ pending_received_count: eb('pending_received_count', '+', senders.length) }))
      .where('id', '=', viewer)
      .execute();
    // Written around the app, so the stored mutual counts of the viewer's invitations are set
    // here as the app's own writes would have kept them (P1).
    const pending = await trx
      .selectFrom('invitations')
      .select('id')
      .where((eb) => eb.or([eb('recipient_id', '=', viewer), eb('sender_id', '=', viewer)]))
      .where('status', '=', 'pending')
      .execute();
    for (const part of chunk(pending, 500)) {
      await recomputeMutualCounts(
        trx,
        part.map((r) => r.id),
      );
    }
  });
  await settle(db);
  return senders;
}

/**
 * After a bulk change, what a running PostgreSQL's autovacuum does within a minute or so (the
 * change passes its 10 % threshold): fresh statistics, so the planner knows the member near the
 * cap has 29,000 connections rather than the table's average, and a visibility map, so
 * index-only scans stay index-only. SQLite has nothing to catch up on.
 */
export async function settle(db: BenchDatabase): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await sql`vacuum analyze connections, members, invitations`.execute(db.storage.db);
}

/**
 * In-process, one connection, the same driver: the viewer's Received page of 50 as the route
 * reads it (listReceivedInvitations: the keyset page, its total, the stored mutual counts and the
 * three-name previews) against the same call without the mutual connections. The two alternate,
 * so load on the machine falls on both alike. Returns the mean milliseconds of each.
 */
export async function mutualCost(
  db: BenchDatabase,
  viewer: string,
  rounds: number,
  ttlDays: number,
): Promise<{ pageMs: number; withMutualMs: number; senders: number; withMutuals: number }> {
  const deps: Deps = {
    db: db.storage.db,
    dialect: db.dialect,
    clock: systemClock,
    config: testConfig({ invitationTtlDays: ttlDays }),
    bus: new InProcessBus(),
    metrics: new Metrics(),
  };
  const page = (mutuals: boolean) => listReceivedInvitations(deps, { id: viewer }, { limit: 50, mutuals });
  for (let i = 0; i < 20; i++) {
    await page(true);
    await page(false);
  }
  let pageTotal = 0;
  let withTotal = 0;
  let senders = 0;
  let withMutuals = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await page(false);
    const t1 = performance.now();
    const { rows } = await page(true);
    const t2 = performance.now();
    pageTotal += t1 - t0;
    withTotal += t2 - t1;
    senders = rows.length;
    withMutuals = rows.filter((r) => r.mutual.count > 0).length;
  }
  await deps.bus.close();
  return { pageMs: pageTotal / rounds, withMutualMs: withTotal / rounds, senders, withMutuals };
}

/**
 * What the stored counts add to the writes, in-process on the member near the cap: the one
 * intersection count a send gains (against a member sharing connections with it) and, for an
 * accept, the count updates after inserting the connection's two rows (against that insert).
 * Each round runs in a transaction that is rolled back, so nothing stays. Mean milliseconds.
 */
export async function mutualWriteCost(
  db: BenchDatabase,
  viewer: string,
  others: readonly string[],
  rounds: number,
): Promise<{ countMs: number; insertMs: number; adjustMs: number }> {
  const rollback = new Error('rollback');
  let count = 0;
  let insert = 0;
  let adjust = 0;
  for (let i = 0; i < rounds + 10; i++) {
    const other = others[i % others.length] as string;
    const measured = i >= 10;
    await db.storage.db
      .transaction()
      .execute(async (trx) => {
        const t0 = performance.now();
        await countMutual(trx, other, viewer);
        const t1 = performance.now();
        await trx
          .insertInto('connections')
          .values([
            { member_id: viewer, other_id: other, connected_at: 0 },
            { member_id: other, other_id: viewer, connected_at: 0 },
          ])
          .execute();
        const t2 = performance.now();
        await adjustMutualCounts(trx, { center: viewer, others: [other] }, 1);
        const t3 = performance.now();
        if (measured) {
          count += t1 - t0;
          insert += t2 - t1;
          adjust += t3 - t2;
        }
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
  }
  return { countMs: count / rounds, insertMs: insert / rounds, adjustMs: adjust / rounds };
}
