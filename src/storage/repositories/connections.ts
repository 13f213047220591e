import { chunk } from '../chunk.js';
import type { Queryable } from '../database.js';
import { pairKey } from '../ids.js';
import type { NewConnection } from '../tables.js';
import { adjustMutualCounts } from './mutualCounts.js';

/*
 * Every write to `connections` goes through this file or moderation.ts, and each moves the mutual
 * counts of pending invitations (mutualCounts.ts) in the same transaction.
 */

/** Removes the pair's two rows; returns whether they were connected. */
export async function deleteConnection(db: Queryable, a: string, b: string): Promise<boolean> {
  await adjustMutualCounts(db, { center: a, others: [b] }, -1);
  const result = await db
    .deleteFrom('connections')
    .where((eb) =>
      eb.or([
        eb.and([eb('member_id', '=', a), eb('other_id', '=', b)]),
        eb.and([eb('member_id', '=', b), eb('other_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Connections to add, each pair given once and stored both ways, in batches. Pairs are grouped
 * by `b` (a bulk accept is one group: the recipient), and each batch's mutual counts move right
 * after it is written, so every step starts from the counts of the one before.
 */
export async function insertConnections(
  db: Queryable,
  pairs: readonly { a: string; b: string; at: number }[],
): Promise<void> {
  const stars = new Map<string, { a: string; at: number }[]>();
  for (const { a, b, at } of pairs) {
    const star = stars.get(b) ?? [];
    star.push({ a, at });
    stars.set(b, star);
  }
  for (const [b, star] of stars) {
    for (const part of chunk(star, 250)) {
      const rows: NewConnection[] = part.flatMap(({ a, at }) => [
        { member_id: a, other_id: b, connected_at: at },
        { member_id: b, other_id: a, connected_at: at },
      ]);
      await db.insertInto('connections').values(rows).execute();
      await adjustMutualCounts(db, { center: b, others: part.map((p) => p.a) }, 1);
    }
  }
}

/** Which of these pairs are connected, as `pairKey`s. */
export async function connectedWithin(
  db: Queryable,
  pairs: readonly (readonly [string, string])[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk(pairs, 200)) {
    // Connections are stored both ways, so one direction finds a pair.
    const rows = await db
      .selectFrom('connections')
      .select(['member_id', 'other_id'])
      .where((eb) => eb.or(part.map(([a, b]) => eb.and([eb('member_id', '=', a), eb('other_id', '=', b)]))))
      .execute();
    for (const r of rows) found.add(pairKey(r.member_id, r.other_id));
  }
  return found;
}

/** The members this one is connected with. */
export async function connectedMembers(db: Queryable, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('connections')
    .select('other_id')
    .where('member_id', '=', memberId)
    .execute();
  return rows.map((r) => r.other_id);
}

/** Deletes both rows of every connection the member has (account deletion). */
export async function deleteConnectionsOf(db: Queryable, memberId: string): Promise<void> {
  await adjustMutualCounts(db, { center: memberId, all: true }, -1);
  await db
    .deleteFrom('connections')
    .where((eb) => eb.or([eb('member_id', '=', memberId), eb('other_id', '=', memberId)]))
    .execute();
}
