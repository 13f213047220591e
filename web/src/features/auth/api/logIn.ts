import { useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';

export type LogInInput = ApiRequestBody<'/api/v1/auth/login', 'post'>;

/** The server also sets the HttpOnly session cookie; the token in the answer is not kept. */
export function useLogIn() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: LogInInput) => data(api.POST('/api/v1/auth/login', { body: input })),
    onSuccess: () => {
      client.clear();
      return client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
