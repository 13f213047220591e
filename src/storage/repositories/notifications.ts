import { chunk } from '../chunk.js';
import { newId } from '../ids.js';
import type { Queryable } from '../database.js';
import type { NewNotification, NotificationType } from '../tables.js';

export async function insertNotification(
  db: Queryable,
  row: {
    memberId: string;
    type: NotificationType;
    actorId: string | null;
    invitationId: string | null;
    count?: number | null;
    createdAt: number;
    readAt?: number | null;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('notifications')
    .values({
      id,
      member_id: row.memberId,
      type: row.type,
      actor_id: row.actorId,
      invitation_id: row.invitationId,
      count: row.count ?? null,
      created_at: row.createdAt,
      read_at: row.readAt ?? null,
    })
    .execute();
  return id;
}

/** Deletes every notification about these invitations; returns whose they were, for live removal. */
export async function deleteNotificationsForInvitations(
  db: Queryable,
  invitationIds: readonly string[],
): Promise<{ id: string; member_id: string }[]> {
  const removed: { id: string; member_id: string }[] = [];
  for (const part of chunk(invitationIds)) {
    removed.push(
      ...(await db
        .deleteFrom('notifications')
        .where('invitation_id', 'in', part)
        .returning(['id', 'member_id'])
        .execute()),
    );
  }
  return removed;
}

/** Deletes the notifications between two members in both directions (blocks). */
export async function deleteNotificationsBetween(
  db: Queryable,
  a: string,
  b: string,
): Promise<{ id: string; member_id: string }[]> {
  return db
    .deleteFrom('notifications')
    .where((eb) =>
      eb.or([
        eb.and([eb('member_id', '=', a), eb('actor_id', '=', b)]),
        eb.and([eb('member_id', '=', b), eb('actor_id', '=', a)]),
      ]),
    )
    .returning(['id', 'member_id'])
    .execute();
}

/** Marks the listed notifications of the member read; ids that are not theirs change nothing. */
export async function markNotificationsRead(
  db: Queryable,
  memberId: string,
  ids: readonly string[] | 'all',
  at: number,
): Promise<number> {
  let changed = 0;
  const chunks = ids === 'all' ? [null] : chunk([...new Set(ids)]);
  for (const part of chunks) {
    let query = db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('member_id', '=', memberId)
      .where('read_at', 'is', null);
    if (part) query = query.where('id', 'in', part);
    changed += Number((await query.executeTakeFirst()).numUpdatedRows);
  }
  return changed;
}

/** Inserts several notifications in one statement; returns their ids in order. */
export async function insertNotifications(
  db: Queryable,
  rows: readonly {
    memberId: string;
    type: NotificationType;
    actorId: string | null;
    invitationId: string | null;
    count?: number | null;
    createdAt: number;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map((row) => ({
    id: newId(),
    member_id: row.memberId,
    type: row.type,
    actor_id: row.actorId,
    invitation_id: row.invitationId,
    count: row.count ?? null,
    created_at: row.createdAt,
    read_at: null,
  }));
  for (const part of chunk(values)) await db.insertInto('notifications').values(part).execute();
  return values.map((v) => v.id);
}

/** Notification rows to add as they are (an import), in batches. */
export async function insertNotificationRows(db: Queryable, rows: readonly NewNotification[]): Promise<void> {
  for (const part of chunk(rows)) await db.insertInto('notifications').values(part).execute();
}

/** The members holding a notification this member is the actor of. */
export async function membersNotifiedBy(db: Queryable, actorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('member_id')
    .where('actor_id', '=', actorId)
    .distinct()
    .execute();
  return rows.map((r) => r.member_id);
}

/** Deletes the member's own notifications (account deletion). */
export async function deleteNotificationsOf(db: Queryable, memberId: string): Promise<void> {
  await db.deleteFrom('notifications').where('member_id', '=', memberId).execute();
}

/**
 * Deletes every notification the member is the actor of or that is about one of their
 * invitations; returns whose they were, for live removal.
 */
export async function deleteNotificationsAbout(
  db: Queryable,
  memberId: string,
): Promise<{ id: string; member_id: string }[]> {
  return db
    .deleteFrom('notifications')
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', memberId),
        eb(
          'invitation_id',
          'in',
          eb
            .selectFrom('invitations')
            .select('id')
            .where((w) => w.or([w('sender_id', '=', memberId), w('recipient_id', '=', memberId)])),
        ),
      ]),
    )
    .returning(['id', 'member_id'])
    .execute();
}
