import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Me = ApiResponse<'/api/v1/me'>;

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: ({ signal }) => data(api.GET('/api/v1/me', { signal })),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}
