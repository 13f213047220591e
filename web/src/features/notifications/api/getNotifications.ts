import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Member, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface Notification {
  id: string;
  type: 'invitation_received' | 'invitation_accepted' | 'stale_invitations_reminder' | string;
  actor: Member | null;
  invitationId: string | null;
  createdAt: string;
  read: boolean;
  /** Stale reminders: how many invitations have been pending too long. */
  count?: number;
}

type NotificationPage = Page<Notification> & { unreadCount: number };

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: [...queryKeys.notifications, 'list'],
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>(withQuery('/notifications', { limit: 20, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The unread count for the top bar. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...queryKeys.notifications, 'unread'],
    queryFn: ({ signal }) => api<NotificationPage>(withQuery('/notifications', { limit: 1 }), { signal }),
    select: (page) => page.unreadCount,
  });
}
