import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data, type ApiRequestBody } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';

export type ProfileChanges = ApiRequestBody<'/api/v1/me', 'patch'>;

/** PATCH /me: the new name and headline show everywhere this browser shows them. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => data(api.PATCH('/api/v1/me', { body: changes })),
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
