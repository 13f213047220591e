import type { Actor, Deps } from '../commands/deps.js';
import { ttlCutoff } from '../domain/invitations.js';
import { pageOf, type Page, type PageKey } from './support/paging.js';
import {
  countVisibleNotifications,
  listVisibleNotifications,
  type VisibleNotificationRow,
} from './support/visibleNotifications.js';

/** My notifications (N1), newest first, and how many of all I may see are unread. */
export async function listNotifications(
  deps: Deps,
  actor: Actor,
  input: { limit: number; after?: PageKey | undefined },
): Promise<Page<VisibleNotificationRow> & { unreadCount: number }> {
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  const [rows, counts] = await Promise.all([
    listVisibleNotifications(deps.db, actor.id, {
      ttlCutoff: cutoff,
      limit: input.limit + 1,
      after: input.after,
    }),
    countVisibleNotifications(deps.db, actor.id, cutoff),
  ]);
  return {
    ...pageOf(rows, input.limit, (r) => ({ t: r.created_at, id: r.id }), counts.total),
    unreadCount: counts.unread,
  };
}
