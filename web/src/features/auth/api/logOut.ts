import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export function useLogOut() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: () => data(api.POST('/api/v1/auth/logout')),
    // Whatever the server says, this browser forgets everything it showed.
    onSettled: () => client.clear(),
  });
}
