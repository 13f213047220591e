import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

/** M1 "I don't know this person": ignores it; from now on that sender needs my email. Silent. */
export function useDontKnow() {
  const client = useQueryClient();
  return useSingleFlightMutation(
    {
      mutationFn: (id: string) =>
        data(api.POST('/api/v1/invitations/{id}/dont-know', { params: { path: { id } } })),
      onSuccess: (_data, id) => {
        removeFromPages(client, queryKeys.receivedInvitations, new Set([id]));
        void refreshAfterInvitationChange(client);
      },
    },
    (id) => id,
  );
}
