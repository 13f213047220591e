import type { Actor, Deps } from '../commands/deps.js';
import { ttlCutoff } from '../domain/invitations.js';
import { findVisibleNotification, type VisibleNotificationRow } from './support/visibleNotifications.js';

/**
 * One of my notifications as I may see it now, or undefined when it is gone or hidden: what a live
 * event's id points at when the stream delivers it.
 */
export async function visibleNotification(
  deps: Deps,
  actor: Actor,
  notificationId: string,
): Promise<VisibleNotificationRow | undefined> {
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  return findVisibleNotification(deps.db, actor.id, notificationId, cutoff);
}
