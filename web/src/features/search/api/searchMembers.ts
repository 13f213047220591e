import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useMemberSearch(query: string) {
  const text = query.trim().slice(0, 100);
  return useQuery({
    queryKey: queryKeys.memberSearch(text),
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/members', { params: { query: { query: text, limit: 8 } }, signal })),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
