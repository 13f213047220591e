import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Connection = ApiResponse<'/api/v1/connections'>['items'][number];

export function useConnections() {
  return useInfiniteQuery({
    queryKey: queryKeys.connections,
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/connections', {
          params: { query: { limit: 20, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
