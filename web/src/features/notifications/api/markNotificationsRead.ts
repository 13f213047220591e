import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/notifications/read', { method: 'POST', body: { all: true } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.notifications, 'unread'] }),
  });
}
