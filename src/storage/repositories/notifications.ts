import { newId } from '../ids.js';
import type { Queryable } from '../database.js';
import type { NotificationType } from '../tables.js';

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

const CHUNK = 500;

/** Deletes every notification about these invitations; returns whose they were, for live removal. */
export async function deleteNotificationsForInvitations(
  db: Queryable,
  invitationIds: readonly string[],
): Promise<{ id: string; member_id: string }[]> {
  const removed: { id: string; member_id: string }[] = [];
  for (let i = 0; i < invitationIds.length; i += CHUNK) {
    removed.push(
      ...(await db
        .deleteFrom('notifications')
        .where('invitation_id', 'in', invitationIds.slice(i, i + CHUNK))
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
