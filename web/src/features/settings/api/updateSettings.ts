import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import type { Settings } from './getSettings';

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<Settings>) =>
      api<Settings>('/settings', { method: 'PATCH', body: changes }),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
  });
}
