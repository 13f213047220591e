import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';
import type { Connection } from './types';

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useSingleFlightMutation(
    {
      mutationFn: (id: string) =>
        api<{ connection: Connection }>(`/invitations/${encodeURIComponent(id)}/accept`, { method: 'POST' }),
      onSuccess: (_data, id) => {
        removeFromPages(client, queryKeys.receivedInvitations, new Set([id]));
        void refreshAfterInvitationChange(client);
      },
    },
    (id) => id,
  );
}
