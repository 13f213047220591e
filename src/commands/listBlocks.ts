import type { Actor, Deps } from './deps.js';

export interface BlockedRow {
  id: string;
  name: string;
  headline: string;
  created_at: number;
}

/**
 * The members the caller blocked (C2), most recently blocked first, keyset-paginated on
 * (created_at, blocked_id). Who blocked the caller is never listed.
 */
export async function listBlocks(
  deps: Deps,
  actor: Actor,
  input: { limit: number; before?: { t: number; id: string } | undefined },
): Promise<{ rows: BlockedRow[]; total: number }> {
  let query = deps.db
    .selectFrom('blocks as b')
    .innerJoin('members as m', 'm.id', 'b.blocked_id')
    .select(['m.id', 'm.name', 'm.headline', 'b.created_at'])
    .where('b.blocker_id', '=', actor.id)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.blocked_id', 'desc')
    .limit(input.limit + 1);
  const before = input.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('b.created_at', '<', before.t),
        eb.and([eb('b.created_at', '=', before.t), eb('b.blocked_id', '<', before.id)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.execute(),
    deps.db
      .selectFrom('blocks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('blocker_id', '=', actor.id)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
