import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** POST /auth/logout-everywhere: every session ends, this one too. */
export function useLogOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout-everywhere', { method: 'POST' }),
    onSuccess: () => client.clear(),
  });
}
