import type { Queryable } from '../database.js';

/**
 * What stands between two members, in one statement: a block either way, and whether they are
 * connected (sending and the profile ask both).
 */
export async function pairFacts(
  db: Queryable,
  a: string,
  b: string,
): Promise<{ blocked: boolean; connected: boolean }> {
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
    ])
    .executeTakeFirstOrThrow();
  // SQLite answers 1/0, PostgreSQL true/false.
  return { blocked: Boolean(Number(row.blocked)), connected: Boolean(Number(row.connected)) };
}
