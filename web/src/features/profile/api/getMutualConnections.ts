import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

/** P1: every member connected to both me and `id`, a page at a time. */
export function useMutualConnections(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.mutualConnections(id),
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/members/{id}/mutual', {
          params: { path: { id }, query: { limit: 20, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
