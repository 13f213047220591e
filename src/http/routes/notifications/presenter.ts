import type { Static } from 'typebox';
import type { VisibleNotificationRow } from '../../../queries/support/visibleNotifications.js';
import { iso } from '../../presenters.js';
import type { NotificationSchema } from './schema.js';

export type NotificationView = Static<typeof NotificationSchema>;

/** Exactly the fields a member sees of a notification; `count` only on stale reminders. */
export function presentNotification(row: VisibleNotificationRow): NotificationView {
  const view: NotificationView = {
    id: row.id,
    type: row.type,
    actor:
      row.actor_id !== null && row.actor_name !== null
        ? { id: row.actor_id, name: row.actor_name, headline: row.actor_headline ?? '' }
        : null,
    invitationId: row.invitation_id,
    createdAt: iso(row.created_at),
    read: row.read_at !== null,
  };
  if (row.type === 'stale_invitations_reminder') view.count = row.count ?? 0;
  return view;
}
