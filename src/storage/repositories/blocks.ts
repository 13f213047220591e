import type { Queryable } from '../database.js';

/**
 * What stands between two members, in one statement: a block either way, whether they are
 * connected, and whether `b` marked `a` "I don't know this person" (sending and the profile ask
 * all three).
 */
export async function pairFacts(
  db: Queryable,
  a: string,
  b: string,
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
      eb
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
