import { useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export function useUpdateSettings() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (changes: ApiRequestBody<'/api/v1/settings', 'patch'>) =>
      data(api.PATCH('/api/v1/settings', { body: changes })),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
  });
}
