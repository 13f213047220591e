import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import type { MemberProfile } from './getMember';

/** C1: silent to the other member. */
export function useRemoveConnection() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (memberId: string) =>
      data(api.DELETE('/api/v1/connections/{memberId}', { params: { path: { memberId } } })),
    onSuccess: (_data, memberId) => {
      client.setQueryData<MemberProfile>(queryKeys.member(memberId), (profile) =>
        profile
          ? { ...profile, relationship: 'none', connectionCount: Math.max(0, profile.connectionCount - 1) }
          : profile,
      );
      for (const queryKey of [queryKeys.members, queryKeys.connections, queryKeys.networkSummary]) {
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}
