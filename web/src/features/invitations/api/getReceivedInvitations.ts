import { useInfiniteQuery } from '@tanstack/react-query';
import { api, withQuery, type Page } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import type { ReceivedInvitation } from './types';

export function useReceivedInvitations() {
  return useInfiniteQuery({
    queryKey: queryKeys.receivedInvitations,
    queryFn: ({ pageParam, signal }) =>
      api<Page<ReceivedInvitation>>(withQuery('/invitations/received', { limit: 20, cursor: pageParam }), {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
