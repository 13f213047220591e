import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

type NotificationPage = ApiResponse<'/api/v1/notifications'>;

/**
 * Marks read what the page has shown (`ids`), or everything (`'all'`, the "Mark all as read"
 * button). Shown rows keep their "new" look until the next visit; the unread badge follows now.
 */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: string[] | 'all') =>
      data(
        api.POST('/api/v1/notifications/read', { body: which === 'all' ? { all: true } : { ids: which } }),
      ),
    onSuccess: (_data, which) => {
      if (which === 'all') {
        // The button's answer is visible at once: every row loses its "new" look.
        client.setQueryData<InfiniteData<NotificationPage>>([...queryKeys.notifications, 'list'], (list) =>
          list
            ? {
                ...list,
                pages: list.pages.map((page) => ({
                  ...page,
                  unreadCount: 0,
                  items: page.items.map((n) => ({ ...n, read: true })),
                })),
              }
            : list,
        );
      }
      return client.invalidateQueries({ queryKey: [...queryKeys.notifications, 'unread'] });
    },
  });
}
