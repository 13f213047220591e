import { sql, type RawBuilder } from 'kysely';
import type { Dialect, Queryable } from '../../storage/database.js';
import type { MemberSummary } from '../../domain/members.js';
import { sharedConnections } from '../../storage/repositories/mutualCounts.js';

/** How many connections the viewer shares with a member, and a few of them to name (P1). */
export interface MutualSummary {
  count: number;
  /** Up to three of the shared connections, in id order (the oldest accounts first). */
  preview: MemberSummary[];
}

export const MUTUAL_PREVIEW = 3;

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

/**
 * SQL for the first three connections the viewer shares with the list row's member (alias `m`),
 * in id order, named: a JSON array of `{id, name, headline}`, or null when they share none.
 *
 * Each branch walks one side's range of the primary key and probes the other's, stopping at the
 * third hit, and joins those three to `members` in the same statement, so a page of 50 is one
 * statement with no second round trip for the names. Which side is walked is decided once per
 * row, outside the walk: a CASE inside it would put the choice (and the viewer's counter) into
 * every probe, which measured three times the walk itself.
 */
export function mutualPreviewOf(dialect: Dialect, viewerId: string): RawBuilder<unknown> {
  const named = (smaller: RawBuilder<unknown>, larger: RawBuilder<unknown>) => {
    const firstThree = sql`select x.other_id from ${sharedConnections(smaller, larger)}
      order by x.other_id limit ${sql.lit(MUTUAL_PREVIEW)}`;
    const member = (fn: string) => sql`${sql.raw(fn)}('id', p.id, 'name', p.name, 'headline', p.headline)`;
    const array =
      dialect === 'postgres'
        ? sql`json_agg(${member('json_build_object')} order by p.id)`
        : sql`json_group_array(${member('json_object')} order by p.id)`;
    return sql`(select ${array} from (${firstThree}) q join members p on p.id = q.other_id)`;
  };
  const viewer = sql`${viewerId}`;
  return sql`case when m.connection_count <= (select connection_count from members where id = ${viewerId})
    then ${named(sql`m.id`, viewer)} else ${named(viewer, sql`m.id`)} end`;
}

/** The members of a `mutualPreviewOf` column: a JSON string from SQLite, parsed by pg. */
export function parseMutualPreview(value: unknown): MemberSummary[] {
  if (value === null || value === undefined) return [];
  const members = (typeof value === 'string' ? JSON.parse(value) : value) as MemberSummary[];
  return members.map(({ id, name, headline }) => ({ id, name, headline }));
}

/** The summary of a member the viewer shares nothing with. */
export const NO_MUTUALS: MutualSummary = { count: 0, preview: [] };
