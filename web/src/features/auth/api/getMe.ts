import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type Member } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface Me {
  member: Member;
  email: string;
}

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: ({ signal }) => api<Me>('/me', { signal }),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}
