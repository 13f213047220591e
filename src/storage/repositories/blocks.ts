import { sql } from 'kysely';
import { chunk } from '../chunk.js';
import type { Queryable } from '../database.js';
import type { NewBlock } from '../tables.js';

/**
 * What stands between two members, in one statement: a block either way, whether they are
 * connected, and whether `b` marked `a` "I don't know this person" (sending and the profile ask
 * all three).
 */
export async function pairFacts(
  db: Queryable,
  a: string,
  b: string,
  ask: { unknownSender?: boolean } = {},
): Promise<{ blocked: boolean; connected: boolean; unknownSender: boolean }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('blocks')
            .select('blocker_id')
            .where((w) =>
              w.or([
                w.and([w('blocker_id', '=', a), w('blocked_id', '=', b)]),
                w.and([w('blocker_id', '=', b), w('blocked_id', '=', a)]),
              ]),
            ),
        )
        .as('blocked'),
      eb
        .exists(
          eb
            .selectFrom('connections')
            .select('member_id')
            .where('member_id', '=', a)
            .where('other_id', '=', b),
        )
        .as('connected'),
      ask.unknownSender === false
        ? sql<number>`0`.as('unknown_sender')
        : eb
            .exists(
              eb
                .selectFrom('unknown_senders')
                .select('member_id')
                .where('member_id', '=', b)
                .where('sender_id', '=', a),
            )
            .as('unknown_sender'),
    ])
    .executeTakeFirstOrThrow();
  // SQLite answers 1/0, PostgreSQL true/false.
  return {
    blocked: Boolean(Number(row.blocked)),
    connected: Boolean(Number(row.connected)),
    unknownSender: Boolean(Number(row.unknown_sender)),
  };
}

/** Records that `blockerId` blocks `blockedId`; blocking twice changes nothing. */
export async function insertBlock(
  db: Queryable,
  blockerId: string,
  blockedId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: at })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute();
}

/** Lifts the block `blockerId` holds on `blockedId`; returns whether there was one. */
export async function deleteBlock(db: Queryable, blockerId: string, blockedId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('blocks')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Blocks to add, in batches. */
export async function insertBlocks(db: Queryable, rows: readonly NewBlock[]): Promise<void> {
  for (const part of chunk(rows)) await db.insertInto('blocks').values(part).execute();
}

/** `${blockerId}>${blockedId}` for every block between the two members of each pair, either way. */
export async function blocksWithin(
  db: Queryable,
  pairs: readonly (readonly [string, string])[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk(pairs, 200)) {
    const rows = await db
      .selectFrom('blocks')
      .select(['blocker_id', 'blocked_id'])
      .where((eb) =>
        eb.or(
          part.flatMap(([a, b]) => [
            eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
            eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
          ]),
        ),
      )
      .execute();
    for (const r of rows) found.add(`${r.blocker_id}>${r.blocked_id}`);
  }
  return found;
}

/** The members this one blocks and the members who block this one. */
export async function blockedEitherWay(db: Queryable, memberId: string): Promise<string[]> {
  const blocked = await db
    .selectFrom('blocks')
    .select('blocked_id as id')
    .where('blocker_id', '=', memberId)
    .execute();
  const blockers = await db
    .selectFrom('blocks')
    .select('blocker_id as id')
    .where('blocked_id', '=', memberId)
    .execute();
  return [...blocked, ...blockers].map((r) => r.id);
}

/** Deletes every block the member holds or is under (account deletion). */
export async function deleteBlocksOf(db: Queryable, memberId: string): Promise<void> {
  await db
    .deleteFrom('blocks')
    .where((eb) => eb.or([eb('blocker_id', '=', memberId), eb('blocked_id', '=', memberId)]))
    .execute();
}
