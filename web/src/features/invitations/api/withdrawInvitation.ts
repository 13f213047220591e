import { useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

/** I5: withdraw one invitation; the row leaves the Sent tab as soon as the server agrees. */
export function useWithdrawInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (id: string) =>
      data(api.POST('/api/v1/invitations/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      removeFromPages(client, queryKeys.sentInvitationsAll, new Set([id]));
      void refreshAfterInvitationChange(client);
    },
  });
}
