import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** POST /me/password: every other session of the member stops working; this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<void>('/me/password', { method: 'POST', body: input }),
  });
}
