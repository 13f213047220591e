import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation(
    {
      mutationFn: (id: string) =>
        data(api.POST('/api/v1/invitations/{id}/accept', { params: { path: { id } } })),
      onSuccess: (_data, id) => {
        removeFromPages(client, queryKeys.receivedInvitations, new Set([id]));
        void refreshAfterInvitationChange(client);
      },
    },
    (id) => id,
  );
}
