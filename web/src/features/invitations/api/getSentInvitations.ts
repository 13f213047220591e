import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface SentFilters {
  query: string;
  olderThanDays: number | null;
}

export function useSentInvitations(filters: SentFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.sentInvitations(filters),
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/invitations/sent', {
          params: {
            query: {
              limit: 20,
              cursor: pageParam ?? undefined,
              query: filters.query,
              olderThanDays: filters.olderThanDays ?? undefined,
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** How many pending invitations were sent at least `olderThanDays` ago (for the bulk dialog). */
export async function countSentOlderThan(olderThanDays: number): Promise<number> {
  const page = await data(
    api.GET('/api/v1/invitations/sent', { params: { query: { limit: 1, olderThanDays } } }),
  );
  return page.total;
}
