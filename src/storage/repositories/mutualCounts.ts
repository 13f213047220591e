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
import type { Queryable } from '../database.js';

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

/** The intersection count of two members, as SQL over two id expressions, from the smaller side. */
export function mutualCountOf(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number> {
  const aSmaller = sql`(select connection_count from members where id = ${a}) <= (select connection_count from members where id = ${b})`;
  return sql<number>`(select count(*) from ${sharedConnections(
    sql`case when ${aSmaller} then ${a} else ${b} end`,
    sql`case when ${aSmaller} then ${b} else ${a} end`,
  )})`;
}

/**
 * The count for a new invitation, read in the send's transaction: `smaller` is the member with
 * fewer connections (the caller has both rows locked), whose range is walked.
 */
export async function countMutual(db: Queryable, smaller: string, larger: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from ${sharedConnections(sql`${smaller}`, sql`${larger}`)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
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
  // C on one side: the other side's connections in S.
  for (const [mine, theirs] of [
    ['sender_id', 'recipient_id'],
    ['recipient_id', 'sender_id'],
  ] as const) {
    const shared =
      'all' in star
        ? mutualCountOf(sql`${c}`, sql.ref(`i.${theirs}`))
        : sql`(select count(*) from connections z where z.member_id = ${sql.ref(`i.${theirs}`)} and z.other_id in ${s})`;
    await sql`
      update invitations as i set mutual_count = mutual_count + ${d} * ${shared}
      where ${sql.ref(`i.${mine}`)} = ${c} and i.status = 'pending'`.execute(db);
  }
  // Neither side C, both connected to C, the sender in S …
  const connectedToC = (side: 'sender_id' | 'recipient_id') =>
    sql`exists (select 1 from connections k where k.member_id = ${c} and k.other_id = ${sql.ref(`i.${side}`)})`;
  await sql`
    update invitations as i set mutual_count = mutual_count + ${d}
    where i.sender_id in ${s} and i.status = 'pending' and ${connectedToC('recipient_id')}`.execute(db);
  // … or the recipient in S and the sender not (taken above). With `all` nobody is left.
  if ('all' in star) return;
  await sql`
    update invitations as i set mutual_count = mutual_count + ${d}
    where i.recipient_id in ${s} and i.status = 'pending' and ${connectedToC('sender_id')}
      and i.sender_id not in ${s}`.execute(db);
}

/** Counts from scratch for these invitations (an import writes pending ones as they come). */
export async function recomputeMutualCounts(db: Queryable, invitationIds: readonly string[]): Promise<void> {
  if (invitationIds.length === 0) return;
  await sql`
    update invitations as i set mutual_count = ${mutualCountOf(sql.ref('i.sender_id'), sql.ref('i.recipient_id'))}
    where i.id in (${sql.join([...invitationIds])}) and i.status = 'pending'`.execute(db);
}
