import { useQueryClient } from '@tanstack/react-query';
import { api, type Member } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export interface SignUpInput {
  name: string;
  headline: string;
  email: string;
  password: string;
}

export function useSignUp() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: SignUpInput) =>
      api<{ member: Member }>('/auth/signup', { method: 'POST', body: input }),
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
