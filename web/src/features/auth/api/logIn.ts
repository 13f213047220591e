import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Member } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export interface LogInInput {
  email: string;
  password: string;
}

/** The server also sets the HttpOnly session cookie; the token in the answer is not kept. */
export function useLogIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LogInInput) =>
      api<{ member: Member }>('/auth/login', { method: 'POST', body: input }),
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
