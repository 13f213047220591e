import { sql, type RawBuilder } from 'kysely';
import type { Dialect, Queryable } from '../../storage/database.js';
import type { MemberSummary } from '../../domain/members.js';
import { memberNames } from '../../storage/memberNames.js';
import { MUTUAL_PREVIEW, previewIdsOf } from '../../storage/repositories/mutualCounts.js';

/** How many connections the viewer shares with a member, and a few of them to name (P1). */
export interface MutualSummary {
  count: number;
  /** Up to three of the shared connections, in id order (the oldest accounts first). */
  preview: MemberSummary[];
}

/**
 * The intersection of two members' connections, walked from the smaller side.
 *
 * `connections` keeps two directed rows per pair, so each member's connections are one range of
 * the primary key (member_id, other_id). For each pair (viewer, member) the statement walks the
 * range of whichever of the two has fewer connections (the counters on their member rows say
 * which) and probes the other's primary key for each: min(|A|, |B|) index lookups, read from the
 * index alone. A viewer at the 30,000 cap looking at members with a hundred connections costs a
 * hundred probes per member, not 30,000.
 *
 * `small`/`large` are SQL for the member id of each side, over the aliases `m` (the member) and
 * `v` (the viewer) of the enclosing query.
 */
const SMALL = sql`case when m.connection_count <= v.connection_count then m.id else v.id end`;
const LARGE = sql`case when m.connection_count <= v.connection_count then v.id else m.id end`;

/** Rows (member_id, mutual_id) for each listed member: one per shared connection. */
function sharedRows(viewerId: string, memberIds: readonly string[]): RawBuilder<unknown> {
  return sql`
    select m.id as member_id, x.other_id as mutual_id
    from members m
    join members v on v.id = ${viewerId}
    join connections x on x.member_id = ${SMALL}
    where m.id in (${sql.join(memberIds)})
      and m.id <> v.id
      and exists (
        select 1 from connections y where y.member_id = ${LARGE} and y.other_id = x.other_id
      )`;
}

/**
 * Mutual connection counts and previews for every member of a page, in one statement: a list
 * page of 50 asks once, never once per row. Members sharing nothing are absent from the map.
 */
export async function mutualSummaries(
  db: Queryable,
  viewerId: string,
  memberIds: readonly string[],
): Promise<Map<string, MutualSummary>> {
  const result = new Map<string, MutualSummary>();
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return result;
  const { rows } = await sql<{
    member_id: string;
    n: number | string;
    id: string;
    name: string;
    headline: string;
  }>`
    select r.member_id, r.n, p.id, p.name, p.headline
    from (
      select s.member_id, s.mutual_id,
        count(*) over (partition by s.member_id) as n,
        row_number() over (partition by s.member_id order by s.mutual_id) as rn
      from (${sharedRows(viewerId, ids)}) s
    ) r
    join members p on p.id = r.mutual_id
    where r.rn <= ${MUTUAL_PREVIEW}
    order by r.member_id, p.id`.execute(db);
  for (const row of rows) {
    let summary = result.get(row.member_id);
    if (!summary) {
      summary = { count: Number(row.n), preview: [] };
      result.set(row.member_id, summary);
    }
    summary.preview.push({ id: row.id, name: row.name, headline: row.headline });
  }
  return result;
}

/** A list row's mutual connections as its statement read them (count and stored ids). */
export interface StoredMutuals {
  memberId: string;
  count: number;
  /** The invitation's `mutual_preview`: null where a connection removed has cleared it. */
  preview: string | null;
}

/**
 * The mutual connections of a page's rows, named: the count and the ids stored on each
 * invitation (storage/repositories/mutualCounts.ts), the names from the process's cache of
 * member names (storage/memberNames.ts). Rows whose ids a removal cleared are walked in one
 * more statement for the whole page, which stops at each row's third hit and takes each row's
 * smaller side (decided once per row, outside the walk: a CASE inside it would put the choice
 * into every probe).
 */
export async function nameMutuals(
  db: Queryable,
  dialect: Dialect,
  viewerId: string,
  rows: readonly StoredMutuals[],
): Promise<MutualSummary[]> {
  const lists = rows.map((r) => (r.count > 0 ? r.preview : null));
  const unstored = [...new Set(rows.filter((r) => r.count > 0 && r.preview === null).map((r) => r.memberId))];
  if (unstored.length > 0) {
    const viewer = sql`${viewerId}`;
    const { rows: walked } = await sql<{ id: string; preview: string | null }>`
      select m.id, case when m.connection_count <= v.connection_count
          then ${previewIdsOf(dialect, sql`m.id`, viewer)} else ${previewIdsOf(dialect, viewer, sql`m.id`)} end as preview
      from members m join members v on v.id = ${viewerId}
      where m.id in (${sql.join(unstored)})`.execute(db);
    const byMember = new Map(walked.map((w) => [w.id, w.preview]));
    for (const [k, r] of rows.entries()) {
      if (r.count > 0 && r.preview === null) lists[k] = byMember.get(r.memberId) ?? null;
    }
  }
  const named = await memberNames(db).listsOf(lists);
  return rows.map((r, k) => (r.count > 0 ? { count: r.count, preview: named[k] ?? [] } : NO_MUTUALS));
}

/** The summary of a member the viewer shares nothing with. */
export const NO_MUTUALS: MutualSummary = { count: 0, preview: [] };
