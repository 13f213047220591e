import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import type { SentInvitation } from './types';

export interface SentFilters {
  query: string;
  olderThanDays: number | null;
}

export function useSentInvitations(filters: SentFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.sentInvitations(filters),
    queryFn: ({ pageParam, signal }) =>
      api<Page<SentInvitation>>(
        withQuery('/invitations/sent', {
          limit: 20,
          cursor: pageParam,
          query: filters.query,
          olderThanDays: filters.olderThanDays,
        }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** How many pending invitations were sent at least `olderThanDays` ago (for the bulk dialog). */
export async function countSentOlderThan(olderThanDays: number): Promise<number> {
  const page = await api<Page<SentInvitation>>(withQuery('/invitations/sent', { limit: 1, olderThanDays }));
  return page.total;
}
