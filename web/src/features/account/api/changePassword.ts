import { useMutation } from '@tanstack/react-query';
import { api, data, type ApiRequestBody } from '../../../lib/api';

/** POST /me/password: every other session of the member stops working; this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ApiRequestBody<'/api/v1/me/password', 'post'>) =>
      data(api.POST('/api/v1/me/password', { body: input })),
  });
}
