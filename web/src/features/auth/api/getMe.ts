import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, data, type ApiResponse } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type Me = ApiResponse<'/api/v1/me'>;

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: ({ signal }) => data(api.GET('/api/v1/me', { signal })),
  staleTime: 5 * 60_000,
  retry: false,
  // A 401 is the answer ("signed out"), not a failure to retry: the sign-in page, mounting after
  // the redirect, reads it instead of asking again.
  retryOnMount: false,
});

export function useMe() {
  return useQuery(meQuery);
}
