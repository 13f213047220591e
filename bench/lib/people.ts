/**
 * The People figures (P1, P2): a member near the 30,000-connection cap, the cost of mutual
 * connection counts on a page of 50, and the suggestions endpoint for that member.
 */
import { sql } from 'kysely';
import { mutualSummaries } from '../../src/queries/support/mutualConnections.js';
import { chunk } from '../../src/storage/chunk.js';
import type { BenchDatabase } from './database.js';

/**
 * Connects `viewer` with `count` members it has nothing to do with yet (no invitation either way,
 * no connection, no block), both directed rows and both counters, as accepting would. Returns
 * how many it added (fewer only if the data has fewer such members).
 */
export async function connectMany(db: BenchDatabase, viewer: string, count: number): Promise<number> {
  const q = db.storage.db;
  const { rows } = await sql<{ id: string }>`
    select m.id from members m
    where m.id <> ${viewer}
      and not exists (select 1 from connections c where c.member_id = ${viewer} and c.other_id = m.id)
      and not exists (select 1 from invitations i where i.sender_id = ${viewer} and i.recipient_id = m.id)
      and not exists (select 1 from invitations i where i.recipient_id = ${viewer} and i.sender_id = m.id)
      and not exists (select 1 from blocks b where (b.blocker_id = ${viewer} and b.blocked_id = m.id) or (b.blocked_id = ${viewer} and b.blocker_id = m.id))
    order by m.id
    limit ${count}`.execute(q);
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
  return others.length;
}

/**
 * In-process, one connection, the same driver: the viewer's Received page of 50 (the keyset
 * read), alone and followed by the one statement that counts mutual connections for its 50
 * senders. Returns the mean milliseconds of each over `rounds` pages.
 */
export async function mutualCost(
  db: BenchDatabase,
  viewer: string,
  rounds: number,
): Promise<{ pageMs: number; withMutualMs: number; senders: number; withMutuals: number }> {
  const q = db.storage.db;
  const page = () =>
    q
      .selectFrom('invitations')
      .select(['id', 'sender_id', 'sent_at', 'message'])
      .where('recipient_id', '=', viewer)
      .where('status', '=', 'pending')
      .where('ignored_at', 'is', null)
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
  for (let i = 0; i < 20; i++)
    await mutualSummaries(
      q,
      viewer,
      (await page()).map((r) => r.sender_id),
    );
  let pageTotal = 0;
  let withTotal = 0;
  let senders = 0;
  let withMutuals = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await page();
    const t1 = performance.now();
    const rows = await page();
    const mutual = await mutualSummaries(
      q,
      viewer,
      rows.map((r) => r.sender_id),
    );
    const t2 = performance.now();
    pageTotal += t1 - t0;
    withTotal += t2 - t1;
    senders = rows.length;
    withMutuals = mutual.size;
  }
  return { pageMs: pageTotal / rounds, withMutualMs: withTotal / rounds, senders, withMutuals };
}
