import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

/** C2: removes any connection and pending invitation between us, silently. */
export function useBlockMember() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (memberId: string) => data(api.POST('/api/v1/blocks', { body: { memberId } })),
    onSuccess: (_data, memberId) => {
      // The profile now answers 404 for us; drop it instead of refetching it.
      client.removeQueries({ queryKey: queryKeys.member(memberId) });
      for (const queryKey of [
        queryKeys.blocks,
        queryKeys.connections,
        queryKeys.networkSummary,
        queryKeys.invitations,
        queryKeys.notifications,
        queryKeys.memberSearchAll,
      ]) {
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}
