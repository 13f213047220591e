import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Notification = ApiResponse<'/api/v1/notifications'>['items'][number];

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: [...queryKeys.notifications, 'list'],
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: 20, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The unread count for the top bar. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...queryKeys.notifications, 'unread'],
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/notifications', { params: { query: { limit: 1 } }, signal })),
    select: (page) => page.unreadCount,
  });
}
