import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export function useUnblockMember() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (memberId: string) =>
      data(api.DELETE('/api/v1/blocks/{memberId}', { params: { path: { memberId } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.blocks });
      void client.invalidateQueries({ queryKey: queryKeys.members });
    },
  });
}
