import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useBlocks() {
  return useQuery({
    queryKey: queryKeys.blocks,
    queryFn: ({ signal }) => data(api.GET('/api/v1/blocks', { params: { query: { limit: 100 } }, signal })),
  });
}
