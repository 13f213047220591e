import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import type { Me } from '../../auth/api/getMe';

export interface ProfileChanges {
  name?: string;
  headline?: string;
}

/** PATCH /me: the new name and headline show everywhere this browser shows them. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api<Me>('/me', { method: 'PATCH', body: changes }),
    onSuccess: (me) => {
      client.setQueryData(queryKeys.me, me);
      // Lists, profiles and search results that show this member by name.
      void client.invalidateQueries({ queryKey: queryKeys.members });
      void client.invalidateQueries({ queryKey: queryKeys.invitations });
      void client.invalidateQueries({ queryKey: queryKeys.connections });
      void client.invalidateQueries({ queryKey: queryKeys.notifications });
    },
  });
}
