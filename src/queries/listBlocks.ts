import type { Actor, Deps } from '../commands/deps.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';

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
  input: { limit: number; after?: PageKey | undefined },
): Promise<Page<BlockedRow>> {
  let query = deps.db
    .selectFrom('blocks as b')
    .innerJoin('members as m', 'm.id', 'b.blocked_id')
    .select(['m.id', 'm.name', 'm.headline', 'b.created_at'])
    .where('b.blocker_id', '=', actor.id)
    // A suspended member reads as deleted (M4).
    .where('m.suspended_at', 'is', null)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.blocked_id', 'desc')
    .limit(input.limit + 1);
  const after = input.after;
  if (after) query = query.where((eb) => olderThan(eb, 'b.created_at', 'b.blocked_id', after));
  const [rows, count] = await Promise.all([
    query.execute(),
    deps.db
      .selectFrom('blocks as b')
      .innerJoin('members as m', 'm.id', 'b.blocked_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('b.blocker_id', '=', actor.id)
      .where('m.suspended_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return pageOf(rows, input.limit, (r) => ({ t: r.created_at, id: r.id }), Number(count.n));
}
