import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export function useUnblockMember() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (memberId: string) =>
      api<void>(`/blocks/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.blocks });
      void client.invalidateQueries({ queryKey: queryKeys.members });
    },
  });
}
