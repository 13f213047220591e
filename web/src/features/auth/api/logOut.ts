import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export function useLogOut() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    // Whatever the server says, this browser forgets everything it showed.
    onSettled: () => client.clear(),
  });
}
