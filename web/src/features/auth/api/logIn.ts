import { useQueryClient } from '@tanstack/react-query';
import { api, type Member } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export interface LogInInput {
  email: string;
  password: string;
}

/** The server also sets the HttpOnly session cookie; the token in the answer is not kept. */
export function useLogIn() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: LogInInput) =>
      api<{ member: Member }>('/auth/login', { method: 'POST', body: input }),
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
