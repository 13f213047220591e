import type { Queryable } from '../database.js';

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
