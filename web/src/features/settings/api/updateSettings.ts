import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import type { Settings } from './getSettings';

export function useUpdateSettings() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (changes: Partial<Settings>) =>
      api<Settings>('/settings', { method: 'PATCH', body: changes }),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
  });
}
