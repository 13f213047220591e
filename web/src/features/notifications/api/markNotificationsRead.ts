import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => data(api.POST('/api/v1/notifications/read', { body: { all: true } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.notifications, 'unread'] }),
  });
}
