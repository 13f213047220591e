import { findMemberById } from '../storage/repositories/members.js';
import type { Actor, Deps } from './deps.js';

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
  input: { limit: number; before?: { t: number; id: string } | undefined },
): Promise<{ rows: ConnectionRow[]; total: number }> {
  let query = deps.db
    .selectFrom('connections as c')
    .innerJoin('members as m', 'm.id', 'c.other_id')
    .select(['m.id', 'm.name', 'm.headline', 'c.connected_at'])
    .where('c.member_id', '=', actor.id)
    .orderBy('c.connected_at', 'desc')
    .orderBy('c.other_id', 'desc')
    .limit(input.limit + 1);
  const before = input.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('c.connected_at', '<', before.t),
        eb.and([eb('c.connected_at', '=', before.t), eb('c.other_id', '<', before.id)]),
      ]),
    );
  }
  const [rows, me] = await Promise.all([query.execute(), findMemberById(deps.db, actor.id)]);
  return { rows, total: me?.connection_count ?? 0 };
}
