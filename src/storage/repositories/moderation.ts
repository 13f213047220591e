import type { Queryable } from '../database.js';
import { chunk } from '../chunk.js';
import { adjustMutualCounts } from './mutualCounts.js';

/** The moderation columns of members (M3, M4): restriction, suspension, moderator, limits. */
export async function setRestrictedUntil(
  db: Queryable,
  memberId: string,
  until: number | null,
): Promise<void> {
  await db.updateTable('members').set({ restricted_until: until }).where('id', '=', memberId).execute();
}

export async function setModerator(db: Queryable, memberId: string, moderator: boolean): Promise<void> {
  await db
    .updateTable('members')
    .set({ is_moderator: moderator ? 1 : 0 })
    .where('id', '=', memberId)
    .execute();
}

export async function setSuspendedAt(db: Queryable, memberId: string, at: number | null): Promise<void> {
  await db.updateTable('members').set({ suspended_at: at }).where('id', '=', memberId).execute();
}

export async function setSendingLimits(
  db: Queryable,
  memberId: string,
  limits: {
    invites_per_day: number | null;
    invites_per_week: number | null;
    max_pending_sent: number | null;
  },
): Promise<void> {
  await db.updateTable('members').set(limits).where('id', '=', memberId).execute();
}

/**
 * Moves both rows of each of the member's connections into suspended_connections, as they are;
 * returns the other members, whose counters lose the connection meanwhile.
 */
export async function holdConnections(db: Queryable, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('connections')
    .selectAll()
    .where((eb) => eb.or([eb('member_id', '=', memberId), eb('other_id', '=', memberId)]))
    .execute();
  for (const part of chunk(rows)) {
    await db
      .insertInto('suspended_connections')
      .values(part.map((r) => ({ suspended_id: memberId, ...r })))
      .execute();
  }
  await adjustMutualCounts(db, { center: memberId, all: true }, -1);
  await db
    .deleteFrom('connections')
    .where((eb) => eb.or([eb('member_id', '=', memberId), eb('other_id', '=', memberId)]))
    .execute();
  return rows.filter((r) => r.member_id === memberId).map((r) => r.other_id);
}

/**
 * Puts the held connections back exactly as they were (nobody can connect with a suspended member
 * meanwhile, so none is there already). A connection with a member who is suspended now moves to
 * that member's held ones instead, and comes back when theirs is lifted. Returns the other members
 * whose connection came back, whose counters get it back.
 */
export async function restoreConnections(db: Queryable, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('suspended_connections as h')
    .innerJoin('members as o', (j) =>
      j.on((eb) =>
        eb(
          'o.id',
          '=',
          eb
            .case()
            .when('h.member_id', '=', memberId)
            .then(eb.ref('h.other_id'))
            .else(eb.ref('h.member_id'))
            .end(),
        ),
      ),
    )
    .select(['h.member_id', 'h.other_id', 'h.connected_at', 'o.suspended_at as other_suspended_at'])
    .where('h.suspended_id', '=', memberId)
    .execute();
  const back = rows.filter((r) => r.other_suspended_at === null);
  const stillHeld = rows.filter((r) => r.other_suspended_at !== null);
  for (const part of chunk(back)) {
    await db
      .insertInto('connections')
      .values(part.map(({ member_id, other_id, connected_at }) => ({ member_id, other_id, connected_at })))
      .execute();
  }
  // Nobody connects with a suspended member, so what came back is all the member has.
  await adjustMutualCounts(db, { center: memberId, all: true }, 1);
  for (const part of chunk(stillHeld)) {
    await db
      .insertInto('suspended_connections')
      .values(
        part.map(({ member_id, other_id, connected_at }) => ({
          suspended_id: member_id === memberId ? other_id : member_id,
          member_id,
          other_id,
          connected_at,
        })),
      )
      .execute();
  }
  await db.deleteFrom('suspended_connections').where('suspended_id', '=', memberId).execute();
  return back.filter((r) => r.member_id === memberId).map((r) => r.other_id);
}

/** The members with a held connection to this suspended one (locked before lifting it). */
export async function heldConnectionsOf(db: Queryable, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('suspended_connections')
    .select('other_id')
    .where('suspended_id', '=', memberId)
    .where('member_id', '=', memberId)
    .execute();
  return rows.map((r) => r.other_id);
}

export async function setConnectionCount(db: Queryable, memberId: string, count: number): Promise<void> {
  await db.updateTable('members').set({ connection_count: count }).where('id', '=', memberId).execute();
}

/** Whether the member is a moderator (and not suspended). */
export async function isModeratorMember(db: Queryable, memberId: string): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('id')
    .where('id', '=', memberId)
    .where('is_moderator', '=', 1)
    .where('suspended_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
