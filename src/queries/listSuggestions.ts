import { sql } from 'kysely';
import type { Actor, Deps } from '../commands/deps.js';
import { ttlCutoff } from '../domain/invitations.js';
import type { MemberSummary } from '../domain/members.js';
import { mutualSummaries, type MutualSummary } from './support/mutualConnections.js';

/**
 * How far People you may know looks. Friends of friends fan out as the product of two degrees
 * (30,000 × 30,000 at the cap), so the walk is sampled, not exhaustive: the caller's most recent
 * FRIENDS connections, and the most recent PER_FRIEND connections of each — at most
 * FRIENDS × PER_FRIEND rows, read from the (member_id, connected_at) index, whatever the degrees.
 * Recent connections are the signal LinkedIn-like suggestions follow too (a new job, a new
 * circle). The sampled co-occurrence only ranks candidates; the counts shown are exact.
 */
export const SUGGESTION_FANOUT = { FRIENDS: 100, PER_FRIEND: 50 } as const;

/**
 * Ends each exclusion probe. `offset 0` keeps PostgreSQL from turning the NOT EXISTS into an
 * anti join: planned from estimates, that join hashed or materialised all 30,000 of the
 * caller's connections (and scanned every member) for a few hundred candidates. As a probe per
 * candidate, read in ranked order and stopped at the limit, the exclusions cost a handful of
 * index lookups per suggestion shown, whatever the statistics say. SQLite probes so anyway.
 */
const PROBE = sql`limit 1 offset 0`;

export interface Suggestion {
  member: MemberSummary;
  mutual: MutualSummary;
}

/**
 * GET /network/suggestions (P2): members two steps away, most mutual connections first. Never
 * the caller, a connection, a member with a pending invitation either way (one the caller ignored
 * reads as none to them, as on the profile, so it does not hide its sender), a block either way,
 * or a member the caller dismissed.
 */
export async function listSuggestions(
  deps: Deps,
  actor: Actor,
  input: { limit: number },
): Promise<Suggestion[]> {
  const me = actor.id;
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  const { FRIENDS, PER_FRIEND } = SUGGESTION_FANOUT;
  // Members hidden from everyone (suspension, M4) are never reached: their connections wait in
  // suspended_connections while it lasts.
  const { rows } = await sql<{ id: string; name: string; headline: string; n: number | string }>`
    with friends as (
      select f.other_id as friend_id
      from connections f
      where f.member_id = ${me}
      order by f.connected_at desc
      limit ${FRIENDS}
    ),
    reach as (
      select c.other_id as candidate_id
      from friends
      join connections c on c.member_id = friends.friend_id
        and c.connected_at >= coalesce((
          select r.connected_at from connections r
          where r.member_id = friends.friend_id
          order by r.connected_at desc
          limit 1 offset ${PER_FRIEND - 1}
        ), 0)
    ),
    ranked as (
      select candidate_id, count(*) as n from reach where candidate_id <> ${me} group by candidate_id
    ),
    kept as (
      select s.candidate_id, s.n
      from (
        select candidate_id, n from ranked
        order by n desc, candidate_id
        limit ${FRIENDS * PER_FRIEND}
      ) s
      where not exists (
          select 1 from connections x where x.member_id = ${me} and x.other_id = s.candidate_id
          ${PROBE})
        and not exists (
          select 1 from blocks b where b.blocker_id = ${me} and b.blocked_id = s.candidate_id
          ${PROBE})
        and not exists (
          select 1 from blocks b where b.blocker_id = s.candidate_id and b.blocked_id = ${me}
          ${PROBE})
        and not exists (
          select 1 from suggestion_dismissals d
          where d.member_id = ${me} and d.dismissed_id = s.candidate_id
          ${PROBE})
        and not exists (
          select 1 from invitations i
          where i.pair_key in (${me} || ':' || s.candidate_id, s.candidate_id || ':' || ${me})
            and i.status = 'pending'
            and i.sent_at > ${cutoff}
            and (i.recipient_id <> ${me} or i.ignored_at is null)
          ${PROBE})
      limit ${input.limit}
    )
    select p.id, p.name, p.headline, kept.n
    from kept
    join members p on p.id = kept.candidate_id
    order by kept.n desc, p.id`.execute(deps.db);

  const exact = await mutualSummaries(
    deps.db,
    me,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({
      member: { id: r.id, name: r.name, headline: r.headline },
      mutual: exact.get(r.id) ?? { count: Number(r.n), preview: [] },
    }))
    .sort((a, b) => b.mutual.count - a.mutual.count || (a.member.id < b.member.id ? -1 : 1));
}
