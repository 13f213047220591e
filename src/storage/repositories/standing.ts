import { sql } from 'kysely';
import { dayOf } from '../../domain/trust.js';
import { chunk } from '../chunk.js';
import type { Queryable } from '../database.js';

/** `sent` is not one: the invitations themselves say how many were sent (sentSince). */
export type StandingCounter = 'accepted' | 'dont_know' | 'invitation_reports' | 'member_reports';

/**
 * Moves one of a member's standing counters for the day `at` falls in, by `by` (default 1), in
 * the caller's transaction: one upsert on a primary key, so it costs a send next to nothing.
 */
export async function bumpStanding(
  db: Queryable,
  memberId: string,
  at: number,
  counter: StandingCounter,
  by = 1,
): Promise<void> {
  await db
    .insertInto('standing_days')
    .values({
      member_id: memberId,
      day: dayOf(at),
      sent: 0,
      accepted: 0,
      dont_know: 0,
      invitation_reports: 0,
      member_reports: 0,
      [counter]: by,
    })
    .onConflict((oc) =>
      oc.columns(['member_id', 'day']).doUpdateSet({
        [counter]: sql<number>`standing_days.${sql.ref(counter)} + ${by}`,
      }),
    )
    .execute();
}

/**
 * Several members' counters at once (accepting many invitations bumps each sender once per
 * invitation): one upsert per 500 members, whatever their number.
 */
export async function bumpStandingMany(
  db: Queryable,
  memberIds: readonly string[],
  at: number,
  counter: StandingCounter,
): Promise<void> {
  const perMember = new Map<string, number>();
  for (const id of memberIds) perMember.set(id, (perMember.get(id) ?? 0) + 1);
  const rows = [...perMember].map(([member_id, by]) => ({
    member_id,
    day: dayOf(at),
    sent: 0,
    accepted: 0,
    dont_know: 0,
    invitation_reports: 0,
    member_reports: 0,
    [counter]: by,
  }));
  for (const part of chunk(rows)) {
    await db
      .insertInto('standing_days')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['member_id', 'day']).doUpdateSet({
          [counter]: sql<number>`standing_days.${sql.ref(counter)} + excluded.${sql.ref(counter)}`,
        }),
      )
      .execute();
  }
}

export interface StandingSums {
  accepted: number;
  dont_know: number;
  invitation_reports: number;
  member_reports: number;
}

/**
 * How many invitations the member sent from `since` on, for the moderators' member page (M4): read
 * from the invitations themselves over the (sender_id, sent_at) index, as the quota reads them, so
 * a send writes no counter for it. It is bounded by the sending limits (the 30 days hold at most a
 * few hundred at the defaults) and read only when a moderator opens the page. Imported invitations
 * count by their sentAt, as for the limits. The `sent` column of standing_days is no longer written.
 */
export async function sentSince(db: Queryable, memberId: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', memberId)
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The member's counters summed over the day buckets from `fromDay` on (at most 30 rows); `sent`
 * is not among them (see sentSince).
 */
export async function standingSince(db: Queryable, memberId: string, fromDay: number): Promise<StandingSums> {
  const row = await db
    .selectFrom('standing_days')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('accepted'), sql<number>`0`).as('accepted'),
      eb.fn.coalesce(eb.fn.sum<number>('dont_know'), sql<number>`0`).as('dont_know'),
      eb.fn.coalesce(eb.fn.sum<number>('invitation_reports'), sql<number>`0`).as('invitation_reports'),
      eb.fn.coalesce(eb.fn.sum<number>('member_reports'), sql<number>`0`).as('member_reports'),
    ])
    .where('member_id', '=', memberId)
    .where('day', '>=', fromDay)
    .executeTakeFirstOrThrow();
  return {
    accepted: Number(row.accepted),
    dont_know: Number(row.dont_know),
    invitation_reports: Number(row.invitation_reports),
    member_reports: Number(row.member_reports),
  };
}
