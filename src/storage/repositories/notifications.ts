import { chunk } from '../chunk.js';
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

/** A notification as the member may see it, with its actor's public fields. */
export interface VisibleNotificationRow {
  id: string;
  type: NotificationType;
  invitation_id: string | null;
  count: number | null;
  created_at: number;
  read_at: number | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_headline: string | null;
}

/**
 * The member's notifications that may be shown. Deletions keep this true already (withdrawal,
 * ignore, block); the query makes sure of it anyway, and hides "X sent you an invitation" once
 * the invitation is past its TTL even before the sweep has recorded the expiry.
 */
function visibleNotifications(db: Queryable, memberId: string, ttlCutoff: number) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('invitations as i', 'i.id', 'n.invitation_id')
    .leftJoin('members as a', 'a.id', 'n.actor_id')
    .where('n.member_id', '=', memberId)
    .where((eb) =>
      eb.or([
        eb('n.type', '!=', 'invitation_received'),
        eb.and([
          eb('i.status', '=', 'pending'),
          eb('i.ignored_at', 'is', null),
          eb('i.sent_at', '>', ttlCutoff),
        ]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('n.actor_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('blocks as b')
              .select('b.blocker_id')
              .where((bb) =>
                bb.or([
                  bb.and([bb('b.blocker_id', '=', memberId), bb('b.blocked_id', '=', bb.ref('n.actor_id'))]),
                  bb.and([bb('b.blocker_id', '=', bb.ref('n.actor_id')), bb('b.blocked_id', '=', memberId)]),
                ]),
              ),
          ),
        ),
      ]),
    );
}

const VISIBLE_COLUMNS = [
  'n.id',
  'n.type',
  'n.invitation_id',
  'n.count',
  'n.created_at',
  'n.read_at',
  'n.actor_id',
  'a.name as actor_name',
  'a.headline as actor_headline',
] as const;

/** One page, newest first, keyset on (created_at, id); fetch limit + 1 to know if more follow. */
export async function listVisibleNotifications(
  db: Queryable,
  memberId: string,
  options: { ttlCutoff: number; limit: number; after?: { t: number; id: string } | undefined },
): Promise<VisibleNotificationRow[]> {
  let query = visibleNotifications(db, memberId, options.ttlCutoff).select(VISIBLE_COLUMNS);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('n.created_at', '<', after.t),
        eb.and([eb('n.created_at', '=', after.t), eb('n.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(options.limit).execute();
}

/** One notification of the member, or undefined when it is gone or may not be shown. */
export async function findVisibleNotification(
  db: Queryable,
  memberId: string,
  id: string,
  ttlCutoff: number,
): Promise<VisibleNotificationRow | undefined> {
  return visibleNotifications(db, memberId, ttlCutoff)
    .select(VISIBLE_COLUMNS)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** How many notifications the member may see, and how many of those are unread. */
export async function countVisibleNotifications(
  db: Queryable,
  memberId: string,
  ttlCutoff: number,
): Promise<{ total: number; unread: number }> {
  const row = await visibleNotifications(db, memberId, ttlCutoff)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('n.id').filterWhere('n.read_at', 'is', null).as('unread'),
    ])
    .executeTakeFirst();
  return { total: Number(row?.total ?? 0), unread: Number(row?.unread ?? 0) };
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
