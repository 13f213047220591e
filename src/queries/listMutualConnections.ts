import { sql } from 'kysely';
import type { Actor, Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import { pairFacts } from '../storage/repositories/blocks.js';
import type { MemberSummary } from '../domain/members.js';
import { findMemberById } from '../storage/repositories/members.js';

export interface MutualPage {
  rows: MemberSummary[];
  /** The id of the last row shown when more follow, else null. */
  next: string | null;
  total: number;
}

/**
 * GET /members/:id/mutual (P1): the members connected to both the viewer and this member, in id
 * order, paged by id. Like the profile, a block either way reads as "no such member". The walk
 * starts on the side with fewer connections (see support/mutualConnections.ts), from the cursor
 * on, so a page costs at most min(|A|, |B|) probes and usually far fewer.
 */
export async function listMutualConnections(
  deps: Deps,
  actor: Actor,
  input: { memberId: string; limit: number; after?: string | undefined },
): Promise<MutualPage> {
  const member = await findMemberById(deps.db, input.memberId);
  // A suspended member reads as deleted (M4).
  if (!member || member.suspended_at !== null) throw DomainError.notFound('No such member');
  if (member.id === actor.id) return { rows: [], next: null, total: 0 };
  if ((await pairFacts(deps.db, actor.id, member.id)).blocked) throw DomainError.notFound('No such member');

  const small = sql`case when m.connection_count <= v.connection_count then m.id else v.id end`;
  const large = sql`case when m.connection_count <= v.connection_count then v.id else m.id end`;
  const from = sql`
    from members m
    join members v on v.id = ${actor.id}
    join connections x on x.member_id = ${small}`;
  const shared = sql`
    m.id = ${member.id}
    and exists (select 1 from connections y where y.member_id = ${large} and y.other_id = x.other_id)`;
  const after = input.after === undefined ? sql`` : sql`and x.other_id > ${input.after}`;
  const [listed, counted] = await Promise.all([
    sql<MemberSummary>`
      select p.id, p.name, p.headline
      ${from}
      join members p on p.id = x.other_id
      where ${shared} ${after}
      order by x.other_id
      limit ${input.limit + 1}`.execute(deps.db),
    sql<{ n: number | string }>`select count(*) as n ${from} where ${shared}`.execute(deps.db),
  ]);
  const rows = listed.rows.slice(0, input.limit);
  const last = rows[rows.length - 1];
  return {
    rows,
    next: listed.rows.length > input.limit && last ? last.id : null,
    total: Number(counted.rows[0]?.n ?? 0),
  };
}
