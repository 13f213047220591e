import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Member, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useMemberSearch(query: string) {
  const text = query.trim().slice(0, 100);
  return useQuery({
    queryKey: queryKeys.memberSearch(text),
    queryFn: ({ signal }) => api<Page<Member>>(withQuery('/members', { query: text, limit: 8 }), { signal }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
