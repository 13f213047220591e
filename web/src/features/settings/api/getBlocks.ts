import { useQuery } from '@tanstack/react-query';
import { api, withQuery, type Member, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useBlocks() {
  return useQuery({
    queryKey: queryKeys.blocks,
    queryFn: ({ signal }) => api<Page<Member>>(withQuery('/blocks', { limit: 100 }), { signal }),
  });
}
