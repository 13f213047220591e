import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

/** The results page's search: every match, 20 at a time (the top bar's dropdown shows 8). */
export function useMemberSearchPages(query: string) {
  const text = query.trim().slice(0, 100);
  return useInfiniteQuery({
    queryKey: queryKeys.memberSearchPage(text),
    queryFn: ({ pageParam, signal }) =>
      data(
        api.GET('/api/v1/members', {
          params: { query: { query: text, limit: 20, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    enabled: text.length > 0,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
