import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

/** I8: ignoring tells the sender nothing; the invitation just leaves the Received list. */
export function useIgnoreInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation(
    {
      mutationFn: (id: string) =>
        data(api.POST('/api/v1/invitations/{id}/ignore', { params: { path: { id } } })),
      onSuccess: (_data, id) => {
        removeFromPages(client, queryKeys.receivedInvitations, new Set([id]));
        void refreshAfterInvitationChange(client);
      },
    },
    (id) => id,
  );
}
