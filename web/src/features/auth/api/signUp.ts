import { useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export type SignUpInput = ApiRequestBody<'/api/v1/auth/signup', 'post'>;

export function useSignUp() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: SignUpInput) => data(api.POST('/api/v1/auth/signup', { body: input })),
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
