import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';

/** POST /auth/logout-everywhere: every session ends, this one too. */
export function useLogOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => data(api.POST('/api/v1/auth/logout-everywhere')),
    onSuccess: () => client.clear(),
  });
}
