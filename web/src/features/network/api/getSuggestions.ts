import { useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Suggestion = ApiResponse<'/api/v1/network/suggestions'>['items'][number];

/** P2: members two steps away, most mutual connections first. */
export function useSuggestions(limit: number) {
  return useQuery({
    queryKey: [...queryKeys.suggestions, limit],
    queryFn: ({ signal }) =>
      data(api.GET('/api/v1/network/suggestions', { params: { query: { limit } }, signal })),
  });
}
