import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useUnblockMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api<void>(`/blocks/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.blocks });
      void client.invalidateQueries({ queryKey: queryKeys.members });
    },
  });
}
