import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { removeFromPages } from '../../../lib/pages';
import { queryKeys } from '../../../lib/queryKeys';
import { useSingleFlightMutation } from '../../../lib/useSingleFlightMutation';
import { refreshAfterInvitationChange } from './refresh';

export type BulkWithdrawInput = { ids: string[] } | { olderThanDays: number };

export interface BulkWithdrawResult {
  withdrawn: string[];
  skipped: string[];
}

/** I6: withdraw the selected rows, or everything older than an age, in one request. */
export function useWithdrawInvitations() {
  const client = useQueryClient();
  return useSingleFlightMutation({
    mutationFn: (input: BulkWithdrawInput) =>
      api<BulkWithdrawResult>('/invitations/withdraw', { method: 'POST', body: input }),
    onSuccess: (result) => {
      removeFromPages(client, queryKeys.sentInvitationsAll, new Set(result.withdrawn));
      void refreshAfterInvitationChange(client);
    },
  });
}
