import type { Actor, Deps } from '../commands/deps.js';
import { findMemberById } from '../storage/repositories/members.js';
import { olderThan, pageOf, type Page, type PageKey } from './support/paging.js';

export interface ConnectionRow {
  id: string;
  name: string;
  headline: string;
  connected_at: number;
}

/**
 * The member's connections (C1), newest first, keyset-paginated on (connected_at, other_id) so a
 * member with 30,000 connections pages as fast as one with ten.
 */
export async function listConnections(
  deps: Deps,
  actor: Actor,
  input: { limit: number; after?: PageKey | undefined },
): Promise<Page<ConnectionRow>> {
  let query = deps.db
    .selectFrom('connections as c')
    .innerJoin('members as m', 'm.id', 'c.other_id')
    .select(['m.id', 'm.name', 'm.headline', 'c.connected_at'])
    .where('c.member_id', '=', actor.id)
    .orderBy('c.connected_at', 'desc')
    .orderBy('c.other_id', 'desc')
    .limit(input.limit + 1);
  const after = input.after;
  if (after) query = query.where((eb) => olderThan(eb, 'c.connected_at', 'c.other_id', after));
  const [rows, me] = await Promise.all([query.execute(), findMemberById(deps.db, actor.id)]);
  return pageOf(rows, input.limit, (r) => ({ t: r.connected_at, id: r.id }), me?.connection_count ?? 0);
}
