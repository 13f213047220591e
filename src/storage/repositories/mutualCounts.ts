/**
 * The mutual connection count stored on each pending invitation (P1): |N(sender) ∩ N(recipient)|
 * over `connections`, kept in the transaction of every change to that table, so a list page
 * reads it with the row instead of walking an intersection per row.
 *
 * When the pair (C, O) appears or goes, the count of (X, Y) changes exactly when one of them is C
 * and the other is connected to O, or one is O and the other is connected to C. Changes come here
 * as stars: one member C and a set S of others, all connected to C (after the insert, before the
 * delete). For a star, the count of a pending invitation moves by
 *   - |S ∩ N(Y)| when C is one side and Y the other (each shared connection in S is new or gone);
 *   - 1 when neither side is C, both are connected to C, and at least one of them is in S (C
 *     itself is the one common connection that appears or goes);
 *   - 0 otherwise: every other common connection Z has edges XZ and YZ outside the star.
 * Each invitation is matched by one statement of each kind at most (the "1" statement is split by
 * which side is in S, the second leaving out what the first took), so nothing counts twice, and a
 * bulk change is a handful of set-based statements whatever its size.
 */
import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type Dialect, type Queryable } from '../database.js';

/** How many shared connections a list row names (P1). */
export const MUTUAL_PREVIEW = 3;

/** Which of C's connections form the star: these ids (∩ N(C)), or all of them. */
export type Star = { center: string; others: readonly string[] } | { center: string; all: true };

/**
 * The FROM and WHERE of the connections `smaller` shares with `larger`, as rows `x` (their id in
 * `x.other_id`): the range of `smaller` walked, the primary key of `larger` probed for each, so
 * it costs min(|A|, |B|) lookups when `smaller` is the side with fewer connections.
 */
export function sharedConnections(
  smaller: RawBuilder<unknown>,
  larger: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`connections x
    where x.member_id = ${smaller}
      and exists (select 1 from connections y where y.member_id = ${larger} and y.other_id = x.other_id)`;
}

/**
 * SQL for the first MUTUAL_PREVIEW connections `smaller` shares with `larger`, in id order, as
 * their ids joined by commas (member ids never hold one), or null when they share none: the walk
 * stops at the third hit.
 */
export function previewIdsOf(
  dialect: Dialect,
  smaller: RawBuilder<unknown>,
  larger: RawBuilder<unknown>,
): RawBuilder<string | null> {
  const firstThree = sql`select x.other_id from ${sharedConnections(smaller, larger)}
    order by x.other_id limit ${sql.lit(MUTUAL_PREVIEW)}`;
  return dialect === 'postgres'
    ? sql`(select string_agg(q.other_id, ',' order by q.other_id) from (${firstThree}) q)`
    : sql`(select group_concat(q.other_id, ',' order by q.other_id) from (${firstThree}) q)`;
}

/** The two sides of a pair as SQL, the one with fewer connections first (its range is walked). */
function bySize(a: RawBuilder<unknown>, b: RawBuilder<unknown>): [RawBuilder<unknown>, RawBuilder<unknown>] {
  const aSmaller = sql`(select connection_count from members where id = ${a}) <= (select connection_count from members where id = ${b})`;
  return [
    sql`case when ${aSmaller} then ${a} else ${b} end`,
    sql`case when ${aSmaller} then ${b} else ${a} end`,
  ];
}

/** The intersection count of two members, as SQL over two id expressions, from the smaller side. */
export function mutualCountOf(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(select count(*) from ${sharedConnections(...bySize(a, b))})`;
}

/** The stored preview of a pair as SQL over two id expressions, walked from the smaller side. */
function mutualPreviewOfPair(dialect: Dialect, a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
  return previewIdsOf(dialect, ...bySize(a, b));
}

/**
 * The count and the preview for a new invitation, read in the send's transaction, in one
 * statement: `smaller` is the member with fewer connections (the caller has both rows locked),
 * whose range is walked.
 */
export async function countMutual(
  db: Queryable,
  smaller: string,
  larger: string,
): Promise<{ count: number; preview: string | null }> {
  // One walk for both: the shared ids in key order, numbered, the first three joined.
  const first = sql`case when w.rn <= ${sql.lit(MUTUAL_PREVIEW)} then w.other_id end`;
  const joined =
    dialectOf(db) === 'postgres'
      ? sql`string_agg(${first}, ',' order by w.other_id)`
      : sql`group_concat(${first}, ',' order by w.other_id)`;
  const { rows } = await sql<{ n: number | string; preview: string | null }>`
    select count(*) as n, ${joined} as preview from (
      select x.other_id, row_number() over (order by x.other_id) as rn
      from ${sharedConnections(sql`${smaller}`, sql`${larger}`)}
    ) w`.execute(db);
  const count = Number(rows[0]?.n ?? 0);
  return { count, preview: count > 0 ? (rows[0]?.preview ?? null) : null };
}

/** S as a set of member ids connected to the center, as the connections table has it now. */
function starMembers(star: Star): RawBuilder<unknown> {
  if ('all' in star) return sql`(select s.other_id from connections s where s.member_id = ${star.center})`;
  return sql`(select s.other_id from connections s where s.member_id = ${star.center} and s.other_id in (${sql.join([...star.others])}))`;
}

/**
 * Moves the stored counts for a star of connections: call with `+1` right after inserting it and
 * with `-1` right before deleting it (so S is connected to C either way). With `all`, S is every
 * connection C has; adding that way needs C to have had none before (a suspension being lifted).
 */
export async function adjustMutualCounts(db: Queryable, star: Star, delta: 1 | -1): Promise<void> {
  if (!('all' in star) && star.others.length === 0) return;
  const c = star.center;
  const s = starMembers(star);
  const d = sql.lit(delta);
  // A count that moves means the intersection changed, so the stored preview does too: after an
  // insert it is walked afresh (the new rows are in), before a delete it is cleared (the rows
  // going are still there), and the list page walks for it until a later change stores it.
  // Every statement below touches only invitations whose count moves.
  const preview =
    delta === 1
      ? mutualPreviewOfPair(dialectOf(db), sql.ref('i.sender_id'), sql.ref('i.recipient_id'))
      : sql`null`;
  // C on one side: the other side's connections in S (only rows that share one of them: an
  // update by zero would rewrite the row and its list index entries for nothing).
  for (const [mine, theirs] of [
    ['sender_id', 'recipient_id'],
    ['recipient_id', 'sender_id'],
  ] as const) {
    const other = sql.ref(`i.${theirs}`);
    const [shared, sharesAny] =
      'all' in star
        ? [
            mutualCountOf(sql`${c}`, other),
            sql`exists (select 1 from ${sharedConnections(...bySize(sql`${c}`, other))})`,
          ]
        : [
            sql`(select count(*) from connections z where z.member_id = ${other} and z.other_id in ${s})`,
            sql`exists (select 1 from connections z where z.member_id = ${other} and z.other_id in ${s})`,
          ];
    await sql`
      update invitations as i set mutual_count = mutual_count + ${d} * ${shared}, mutual_preview = ${preview}
      where ${sql.ref(`i.${mine}`)} = ${c} and i.status = 'pending' and ${sharesAny}`.execute(db);
  }
  // Neither side C, both connected to C, the sender in S …
  const connectedToC = (side: 'sender_id' | 'recipient_id') =>
    sql`exists (select 1 from connections k where k.member_id = ${c} and k.other_id = ${sql.ref(`i.${side}`)})`;
  await sql`
    update invitations as i set mutual_count = mutual_count + ${d}, mutual_preview = ${preview}
    where i.sender_id in ${s} and i.status = 'pending' and ${connectedToC('recipient_id')}`.execute(db);
  // … or the recipient in S and the sender not (taken above). With `all` nobody is left.
  if ('all' in star) return;
  await sql`
    update invitations as i set mutual_count = mutual_count + ${d}, mutual_preview = ${preview}
    where i.recipient_id in ${s} and i.status = 'pending' and ${connectedToC('sender_id')}
      and i.sender_id not in ${s}`.execute(db);
}

/** Counts from scratch for these invitations (an import writes pending ones as they come). */
export async function recomputeMutualCounts(db: Queryable, invitationIds: readonly string[]): Promise<void> {
  if (invitationIds.length === 0) return;
  await sql`
    update invitations as i
    set mutual_count = ${mutualCountOf(sql.ref('i.sender_id'), sql.ref('i.recipient_id'))},
      mutual_preview = ${mutualPreviewOfPair(dialectOf(db), sql.ref('i.sender_id'), sql.ref('i.recipient_id'))}
    where i.id in (${sql.join([...invitationIds])}) and i.status = 'pending'`.execute(db);
}
