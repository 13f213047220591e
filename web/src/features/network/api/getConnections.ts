import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery, type Member, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface Connection {
  member: Member;
  connectedAt: string;
}

export function useConnections() {
  return useInfiniteQuery({
    queryKey: queryKeys.connections,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Connection>>(withQuery('/connections', { limit: 20, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
