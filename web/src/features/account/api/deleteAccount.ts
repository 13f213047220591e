import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';

/** DELETE /me with the password: the account and everything that points at it are gone (A4). */
export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => data(api.DELETE('/api/v1/me', { body: { password } })),
    onSuccess: () => client.clear(),
  });
}
