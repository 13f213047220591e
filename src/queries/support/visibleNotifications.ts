/**
 * The SQL of what a member may see of their notifications (N1), shared by the list, its counts and
 * live delivery.
 */
import type { Queryable } from '../../storage/database.js';
import type { NotificationType } from '../../storage/tables.js';
import { olderThan, type PageKey } from './paging.js';

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
  return (
    db
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
      // A suspended actor reads as deleted (M4): their notifications are hidden until it is lifted.
      .where((eb) => eb.or([eb('n.actor_id', 'is', null), eb('a.suspended_at', 'is', null)]))
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
                    bb.and([
                      bb('b.blocker_id', '=', memberId),
                      bb('b.blocked_id', '=', bb.ref('n.actor_id')),
                    ]),
                    bb.and([
                      bb('b.blocker_id', '=', bb.ref('n.actor_id')),
                      bb('b.blocked_id', '=', memberId),
                    ]),
                  ]),
                ),
            ),
          ),
        ]),
      )
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
  options: { ttlCutoff: number; limit: number; after?: PageKey | undefined },
): Promise<VisibleNotificationRow[]> {
  let query = visibleNotifications(db, memberId, options.ttlCutoff).select(VISIBLE_COLUMNS);
  const after = options.after;
  if (after) query = query.where((eb) => olderThan(eb, 'n.created_at', 'n.id', after));
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
