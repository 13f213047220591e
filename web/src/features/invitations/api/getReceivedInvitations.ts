import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useReceivedInvitations() {
  return useInfiniteQuery({
    queryKey: queryKeys.receivedInvitations,
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/invitations/received', {
          params: { query: { limit: 20, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
